"""Blocking HTTP client for the orchestrator's decision API (standard library only).

Every failure is raised as an OrchestratorError whose `kind` names the failure class (used as the log-throttling key):
`timeout`, `connection`, `http_<status>`, `malformed`. The mixin turns any of them into a deny.
"""
import json
import math
import socket
import urllib.error
import urllib.parse
import urllib.request

USER_AGENT = "portfolio-orchestrator-mixin/1"


class OrchestratorError(Exception):
    """A call to the orchestrator that did not produce a usable answer."""

    def __init__(self, kind, detail):
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is not an answer: urllib would replay a POST as a GET, so a 3xx surfaces as an HTTPError."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def _reject_constant(name):
    raise ValueError(f"non-finite number {name} in JSON")


class DecisionClient:
    """One orchestrator endpoint and bearer token. Thread-safe: it keeps no per-call state."""

    def __init__(self, base_url, token, timeout_s):
        if not base_url or not token:
            raise ValueError("base_url and token are required")
        if not (timeout_s > 0):
            raise ValueError(f"timeout_s must be > 0, was {timeout_s}")
        self._base = base_url.rstrip("/")
        self._token = token
        self._timeout_s = float(timeout_s)
        # No proxy: the orchestrator lives on loopback or a private network, and an http_proxy variable in the bot's
        # environment must not silently route (or leak the token of) every decision through it.
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())

    @property
    def timeout_s(self):
        return self._timeout_s

    def post_decision(self, body):
        """POST /api/v1/decisions; returns the decoded JSON object of a 200 answer, else raises OrchestratorError."""
        status, payload = self._post("/api/v1/decisions", body)
        if status != 200:
            raise OrchestratorError(f"http_{status}", "POST /api/v1/decisions answered %d" % status)
        return _decode_object(payload)

    def post_fill(self, decision_id, trade_id):
        """POST /api/v1/decisions/{id}/fill {"trade_id": n}; any 2xx is success."""
        self._post_expect_2xx(f"/api/v1/decisions/{_quote(decision_id)}/fill", {"trade_id": trade_id})

    def post_cancel(self, decision_id):
        """POST /api/v1/decisions/{id}/cancel (empty JSON object body); any 2xx is success."""
        self._post_expect_2xx(f"/api/v1/decisions/{_quote(decision_id)}/cancel", {})

    def _post_expect_2xx(self, path, body):
        status, _ = self._post(path, body)
        if not 200 <= status < 300:
            raise OrchestratorError(f"http_{status}", f"POST {path} answered {status}")

    def _post(self, path, body):
        data = json.dumps(body, allow_nan=False, separators=(",", ":")).encode("utf-8")
        request = urllib.request.Request(
            self._base + path,
            data=data,
            method="POST",
            headers={
                "Authorization": "Bearer " + self._token,
                "Content-Type": "application/json",
                "Accept": "application/json",
                "User-Agent": USER_AGENT,
            },
        )
        try:
            with self._opener.open(request, timeout=self._timeout_s) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as e:
            try:
                e.close()
            except Exception:  # noqa: BLE001 - closing a failed response must not mask its status
                pass
            return e.code, b""
        except urllib.error.URLError as e:
            if isinstance(e.reason, (socket.timeout, TimeoutError)):
                raise OrchestratorError("timeout", f"POST {path}: no answer within {self._timeout_s:.3f} s") from None
            raise OrchestratorError("connection", f"POST {path}: {e.reason}") from None
        except (socket.timeout, TimeoutError):
            raise OrchestratorError("timeout", f"POST {path}: no answer within {self._timeout_s:.3f} s") from None
        except (ConnectionError, OSError) as e:
            raise OrchestratorError("connection", f"POST {path}: {e}") from None
        except Exception as e:  # noqa: BLE001 - e.g. http.client.HTTPException on a garbled status line
            raise OrchestratorError("connection", f"POST {path}: {type(e).__name__}: {e}") from None


def _quote(decision_id):
    return urllib.parse.quote(str(decision_id), safe="")


def _decode_object(payload):
    try:
        value = json.loads(payload.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError) as e:
        raise OrchestratorError("malformed", f"answer is not JSON: {e}") from None
    if not isinstance(value, dict):
        raise OrchestratorError("malformed", f"answer is a JSON {type(value).__name__}, not an object")
    return value


def finite_number(value):
    """True for an int/float (not bool) that is finite."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
