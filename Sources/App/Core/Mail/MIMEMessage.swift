import Foundation

/// Renders an email as an RFC 5322 message with a plain-text and an HTML part
/// (multipart/alternative), base64 bodies and RFC 2047 encoded headers.
enum MIMEMessage {
    static func render(_ email: Email, from sender: String, date: Date, messageID: String? = nil) -> String {
        let boundary = "=_transcendence_\(UUID().uuidString.replacingOccurrences(of: "-", with: ""))"
        let domain = MailAddress.domain(of: sender) ?? "transcendence.local"
        let id = messageID ?? "<\(UUID().uuidString.lowercased())@\(domain)>"
        let headers = [
            "From: \(encodeHeader(sender))",
            "To: \(email.to)",
            "Subject: \(encodeHeader(email.subject))",
            "Date: \(rfc5322Date(date))",
            "Message-ID: \(id)",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\""
        ]
        let parts = [
            part(contentType: "text/plain; charset=utf-8", body: email.body),
            part(contentType: "text/html; charset=utf-8", body: EmailHTML.render(email))
        ]
        var lines = headers + [""]
        for part in parts {
            lines += ["--\(boundary)"] + part
        }
        lines += ["--\(boundary)--", ""]
        return lines.joined(separator: "\r\n")
    }

    private static func part(contentType: String, body: String) -> [String] {
        let encoded = Data(body.utf8).base64EncodedString(options: [
            .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed
        ])
        return ["Content-Type: \(contentType)", "Content-Transfer-Encoding: base64", ""] + encoded.components(separatedBy: "\r\n")
    }

    /// Non-ASCII header text as an RFC 2047 encoded word; ASCII stays readable.
    static func encodeHeader(_ text: String) -> String {
        let clean = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        guard clean.unicodeScalars.contains(where: { !$0.isASCII }) else { return clean }
        return "=?UTF-8?B?\(Data(clean.utf8).base64EncodedString())?="
    }

    private static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}

enum MailAddress {
    /// `Name <a@b>` or `a@b` → `a@b`.
    static func bare(_ address: String) -> String {
        if let open = address.lastIndex(of: "<"), let close = address.lastIndex(of: ">"), open < close {
            return String(address[address.index(after: open)..<close]).trimmingCharacters(in: .whitespaces)
        }
        return address.trimmingCharacters(in: .whitespaces)
    }

    static func domain(of address: String) -> String? {
        bare(address).split(separator: "@").last.map(String.init)
    }
}

/// A simple, readable HTML version of a plain-text email: paragraphs, and
/// lines that are links made clickable. All text is escaped.
enum EmailHTML {
    static func render(_ email: Email) -> String {
        let paragraphs = email.body.components(separatedBy: "\n\n").map { paragraph -> String in
            let trimmed = paragraph.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.hasPrefix("https://") || trimmed.hasPrefix("http://"), !trimmed.contains(" ") {
                let url = trimmed.markupEscaped
                return "<p><a href=\"\(url)\" style=\"color:#0d9488\">\(url)</a></p>"
            }
            if trimmed.count == 6, trimmed.allSatisfy(\.isNumber) {
                return "<p style=\"font-size:28px;font-weight:700;letter-spacing:6px\">\(trimmed)</p>"
            }
            return "<p>\(trimmed.markupEscaped.replacingOccurrences(of: "\n", with: "<br>"))</p>"
        }
        return """
            <!doctype html><html lang="\(email.language)" dir="\(Localizer.direction(of: email.language))"><body style="font-family:system-ui,sans-serif;color:#141a33;line-height:1.5">\
            <h1 style="font-size:18px;letter-spacing:2px">TRANSCENDENCE</h1>\(paragraphs.joined())</body></html>
            """
    }
}
