"""Reads a kept message the way a mail program does and prints what the
tests check, as JSON: decoded headers and each leaf part's type and text
(attachments by name and size; with OUTDIR, also saved there).

    python read.py FILE [OUTDIR]
"""
import os
import json
import sys
from email import policy
from email.parser import BytesParser


def main():
    with open(sys.argv[1], "rb") as f:
        msg = BytesParser(policy=policy.default).parse(f)
    parts = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        entry = {"type": part.get_content_type()}
        name = part.get_filename()
        if name:
            data = part.get_payload(decode=True) or b""
            entry["filename"] = name
            entry["size"] = len(data)
            if len(sys.argv) > 2:
                with open(os.path.join(sys.argv[2], name), "wb") as out:
                    out.write(data)
        else:
            entry["text"] = part.get_content()
        parts.append(entry)
    headers = {k: str(msg[k]) for k in ["Subject", "From", "To", "Reply-To", "Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post"] if msg[k] is not None}
    print(json.dumps({"headers": headers, "type": msg.get_content_type(), "parts": parts}, ensure_ascii=False))


if __name__ == "__main__":
    main()
