import NIOPosix
import Vapor

extension Mailer {
    /// The transport the configuration asks for; a bad SMTP_URL stops start-up with a clear message.
    static func configured(_ config: AppConfig, clock: AppClock, logger: Logger) throws -> Mailer {
        let transport: any MailTransport
        switch config.mailTransport {
        case "console":
            transport = ConsoleMailTransport(logger: logger)
        case "file":
            transport = FileMailTransport(directory: config.mailDirectory, clock: clock)
        case "smtp":
            guard let url = config.smtpURL else {
                throw SMTPError.invalidConfiguration("MAIL_TRANSPORT=smtp needs SMTP_URL")
            }
            var smtp = try SMTPConfiguration(url: url)
            smtp.trustedCertificateFile = config.smtpTrustedCertificateFile
            smtp.timeout = config.smtpTimeout
            let domain = MailAddress.domain(of: config.mailSender) ?? "transcendence.local"
            transport = SMTPMailTransport(
                client: SMTPClient(
                    configuration: smtp, group: MultiThreadedEventLoopGroup.singleton,
                    heloName: domain), clock: clock)
        default:
            throw SMTPError.invalidConfiguration("MAIL_TRANSPORT must be console, smtp or file")
        }
        return Mailer(transport: transport, sender: config.mailSender)
    }
}
