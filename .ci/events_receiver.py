"""A webhook receiver as a CRM would run one, for .ci/events-check.sh: verifies each delivery's Standard Webhooks
signature with the secret, appends "id signed|unsigned" to a file, answers 204.
python3 .ci/events_receiver.py PORT SECRET FILE"""
import base64, hashlib, hmac, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, secret, path = int(sys.argv[1]), base64.b64decode(sys.argv[2].removeprefix("whsec_")), sys.argv[3]


class Hook(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # kept-alive connections, as the service's client uses them

    def do_POST(self):
        body = self.rfile.read(int(self.headers["content-length"]))
        h = self.headers
        signed = f"{h['webhook-id']}.{h['webhook-timestamp']}.".encode() + body
        mine = "v1," + base64.b64encode(hmac.new(secret, signed, hashlib.sha256).digest()).decode()
        ok = any(hmac.compare_digest(mine, s) for s in h["webhook-signature"].split())
        with open(path, "a") as out:
            out.write(f"{h['webhook-id']} {'signed' if ok else 'unsigned'}\n")
        self.send_response(204)
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", port), Hook).serve_forever()
