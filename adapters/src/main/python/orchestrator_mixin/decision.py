"""What the mixin remembers about one decision, and the strict parser of a decision answer."""
import datetime
import re

from .client import OrchestratorError, finite_number

# A decision that confirm_trade_entry has not consumed is trusted for at most this long, even when the
# orchestrator's reservation lasts longer: Freqtrade calls confirm_trade_entry in the same loop iteration as
# custom_stake_amount, so anything older belongs to an entry that never happened.
MAX_DECISION_AGE_S = 60.0

_ISO_INSTANT = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|z|[+-]\d{2}:?\d{2})?$"
)


class Decision:
    """An allowed decision of the orchestrator, as remembered per pair. Times are epoch seconds of the mixin's clock."""

    __slots__ = ("decision_id", "pair", "side", "kind", "approved_stake", "requested_stake", "leverage",
                 "limit_timeout_s", "max_retries", "retry_size_factors", "created_at", "expires_at",
                 "attempt", "root_id")

    def __init__(self, decision_id, pair, side, kind, approved_stake, requested_stake, leverage, limit_timeout_s,
                 max_retries, retry_size_factors, created_at, expires_at, attempt, root_id):
        self.decision_id = decision_id
        self.pair = pair
        self.side = side
        self.kind = kind
        self.approved_stake = approved_stake
        self.requested_stake = requested_stake
        self.leverage = leverage
        self.limit_timeout_s = limit_timeout_s
        self.max_retries = max_retries
        self.retry_size_factors = retry_size_factors
        self.created_at = created_at
        self.expires_at = expires_at
        self.attempt = attempt
        self.root_id = root_id

    def __repr__(self):
        return (f"Decision({self.decision_id!r}, {self.pair!r}, {self.side}, {self.kind}, "
                f"approved={self.approved_stake}, attempt={self.attempt}, root={self.root_id!r})")


class Retry:
    """The next entry for a pair is a retry of `root_id` (the first decision of the chain) with number `attempt`."""

    __slots__ = ("kind", "root_id", "attempt", "valid_until")

    def __init__(self, kind, root_id, attempt, valid_until):
        self.kind = kind
        self.root_id = root_id
        self.attempt = attempt
        self.valid_until = valid_until


class Denied(Exception):
    """A well-formed 200 answer with `allowed: false`."""

    def __init__(self, code, reasons):
        super().__init__(code)
        self.code = code
        self.reasons = reasons


def parse_answer(answer, request, now, retry_of_root):
    """Turns a decoded 200 answer into a Decision, or raises Denied / OrchestratorError("malformed").

    Fail closed: anything but `allowed` being the JSON literal true, with a usable decision id and an approved stake
    in (0, requested], is not an allowance.
    """
    allowed = answer.get("allowed")
    if allowed is False:
        code = answer.get("denied_by")
        reasons = answer.get("reasons")
        raise Denied(code if isinstance(code, str) and code else "UNKNOWN",
                     [r for r in reasons if isinstance(r, str)] if isinstance(reasons, list) else [])
    if allowed is not True:
        raise OrchestratorError("malformed", f"'allowed' is {allowed!r}, not true or false")
    echoed = answer.get("request_id")
    if echoed is not None and echoed != request["request_id"]:
        raise OrchestratorError("malformed", f"answer is for request {echoed!r}, not {request['request_id']!r}")
    decision_id = answer.get("decision_id")
    if not isinstance(decision_id, str) or not decision_id:
        raise OrchestratorError("malformed", f"allowed answer without a decision_id ({decision_id!r})")
    approved = answer.get("approved_stake_amount")
    requested = request["stake_amount"]
    if not finite_number(approved) or approved <= 0:
        raise OrchestratorError("malformed", f"approved_stake_amount is {approved!r}")
    if approved > requested * (1 + 1e-9):
        raise OrchestratorError("malformed", f"approved_stake_amount {approved} is above the requested {requested}")

    execution = answer.get("execution")
    execution = execution if isinstance(execution, dict) else {}
    limit_timeout_s = execution.get("limit_timeout_s")
    limit_timeout_s = float(limit_timeout_s) if finite_number(limit_timeout_s) and limit_timeout_s > 0 else None
    max_retries = execution.get("max_retries")
    max_retries = int(max_retries) if finite_number(max_retries) and max_retries >= 0 else None
    factors = execution.get("retry_size_factors")
    factors = [float(f) for f in factors if finite_number(f)] if isinstance(factors, list) else []

    expires_at = now + MAX_DECISION_AGE_S
    reservation_end = parse_instant(answer.get("reservation_expires_at"))
    if reservation_end is not None:
        expires_at = min(expires_at, reservation_end)

    attempt = request.get("attempt", 1)
    return Decision(decision_id, request["pair"], request["side"], request["kind"], float(approved),
                    float(requested), request["leverage"], limit_timeout_s, max_retries, factors, now, expires_at,
                    attempt, retry_of_root or decision_id)


def parse_instant(text):
    """ISO-8601 instant ("2026-11-23T10:03:00Z", any fraction digits, offset or Z; naive means UTC) to epoch
    seconds, or None when absent or unreadable."""
    if not isinstance(text, str):
        return None
    match = _ISO_INSTANT.match(text.strip())
    if not match:
        return None
    date, clock, fraction, zone = match.groups()
    try:
        base = datetime.datetime.fromisoformat(f"{date}T{clock}")
    except ValueError:
        return None
    if zone and zone not in ("Z", "z"):
        sign = 1 if zone[0] == "+" else -1
        digits = zone[1:].replace(":", "")
        offset = datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        base = base.replace(tzinfo=datetime.timezone(sign * offset))
    else:
        base = base.replace(tzinfo=datetime.timezone.utc)
    seconds = base.timestamp()
    if fraction:
        seconds += float("0." + fraction)
    return seconds
