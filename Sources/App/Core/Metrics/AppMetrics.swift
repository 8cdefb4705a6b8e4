import Foundation
import Metrics
import Prometheus

/// The process's metrics, in Prometheus's text format at `/metrics`. swift-metrics is bootstrapped
/// once per process (Vapor itself reports `http_requests_total` and `http_request_duration_seconds`
/// by route template and status through it); every app in a test process shares the one registry.
enum AppMetrics {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Requests and bus lag: from a fraction of a millisecond to seconds.
        factory.defaultDurationHistogramBuckets = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5),
            .seconds(5), .seconds(10)
        ]
        MetricsSystem.bootstrap(factory)
        return registry
    }()

    static func bootstrap() { _ = registry }

    static func text() -> String { registry.emitToString() }

    /// Counters the hot paths bump, made once (a lookup per increment would take the registry's lock).
    static let snapshotsSent = Counter(label: "transcendence_snapshots_sent_total")
    static let chatMessages = Counter(label: "transcendence_chat_messages_total")
    static let mailSent = Counter(label: "transcendence_mail_sent_total")
    static let mailFailed = Counter(label: "transcendence_mail_failed_total")

    static func schedulerJobRan(_ job: String) {
        Counter(label: "transcendence_scheduler_jobs_total", dimensions: [("job", job)]).increment()
    }
}

/// What the bus counts: events published here and received from other instances, and how late those arrive.
struct BusMetrics: Sendable {
    func published(_ event: String) {
        Counter(label: "transcendence_bus_events_published_total", dimensions: [("event", event)]).increment()
    }

    func received(_ event: String, lag: TimeInterval) {
        Counter(label: "transcendence_bus_events_received_total", dimensions: [("event", event)]).increment()
        Metrics.Timer(label: "transcendence_bus_lag_seconds").recordNanoseconds(Int64(lag * 1_000_000_000))
    }
}
