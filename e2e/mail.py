"""Reading what the app really sent through SMTP to the test sink."""
import email
import email.policy
import json
import os
import re
import time


# The suite's sink once the `mail_sink` fixture started it: helpers that sign up read their code here.
SINK = None


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


def signup_code_in_folder(folder, to, timeout=30):
    """The code of the sign-up email to `to` among the .eml files a server wrote (MAIL_TRANSPORT=file)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if os.path.isdir(folder):
            for name in sorted(os.listdir(folder), reverse=True):
                if not name.endswith(".eml"):
                    continue
                with open(os.path.join(folder, name)) as handle:
                    message = email.message_from_file(handle, policy=email.policy.default)
                if to in str(message["To"]) and "sign-up code" in message["Subject"]:
                    return code_in(message)
        time.sleep(0.1)
    raise AssertionError(f"no sign-up code for {to} in {folder}")
