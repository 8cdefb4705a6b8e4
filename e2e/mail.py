"""Reading what the app really sent through SMTP to the test sink."""
import email
import email.policy
import json
import os
import re
import time


class Sink:
    def __init__(self, maildir, port):
        self.maildir = maildir
        self.port = port

    def messages(self):
        records = []
        for name in sorted(os.listdir(self.maildir)):
            if name.endswith(".json"):
                with open(os.path.join(self.maildir, name)) as handle:
                    records.append(json.load(handle))
        return records

    def wait_for(self, to, subject, after=0, timeout=10):
        """The first message to `to` whose subject contains `subject`, among those after index `after`."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            for record in self.messages()[after:]:
                message = email.message_from_string(record["data"], policy=email.policy.default)
                if to in record["rcpt_tos"] and subject in message["Subject"]:
                    return message
            time.sleep(0.1)
        raise AssertionError(f"no email '{subject}' to {to}")

    def count(self):
        return len(self.messages())


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def code_in(message):
    return re.search(r"\b(\d{6})\b", message["Subject"]).group(1)


def link_in(message):
    return re.search(r"https?://\S+", text_of(message)).group(0)
