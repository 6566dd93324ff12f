"""The strict reading of a decision answer and of its reservation_expires_at instant."""
import unittest

from orchestrator_mixin.client import OrchestratorError
from orchestrator_mixin.decision import MAX_DECISION_AGE_S, Denied, parse_answer, parse_instant

REQUEST = {"request_id": "r-1", "bot_id": "S1", "pair": "ETH/USDT", "side": "long", "kind": "entry",
           "stake_amount": 100.0, "leverage": 1.0, "entry_price": 2000.0}
NOW = 1_800_000_000.0


def answer(**fields):
    base = {"decision_id": "d-9", "request_id": "r-1", "allowed": True, "approved_stake_amount": 80.0,
            "execution": {"limit_timeout_s": 90, "max_retries": 2, "retry_size_factors": [0.9, 0.75]},
            "reservation_expires_at": "2027-01-15T08:03:20Z"}
    base.update(fields)
    return base


class ParseInstantTest(unittest.TestCase):

    def test_formats(self):
        self.assertEqual(parse_instant("2027-01-15T08:00:00Z"), NOW)
        self.assertEqual(parse_instant("2027-01-15T08:00:00"), NOW)  # naive = UTC
        self.assertEqual(parse_instant("2027-01-15T09:30:00+01:30"), NOW)
        self.assertEqual(parse_instant("2027-01-15T06:00:00-0200"), NOW)
        self.assertAlmostEqual(parse_instant("2027-01-15T08:00:00.123456789Z"), NOW + 0.123456789, places=5)

    def test_unreadable(self):
        for text in (None, 5, "", "tomorrow", "2027-13-45T99:00:00Z", "2027-01-15"):
            with self.subTest(text=text):
                self.assertIsNone(parse_instant(text))


class ParseAnswerTest(unittest.TestCase):

    def test_allowed(self):
        decision = parse_answer(answer(), REQUEST, NOW, None)

        self.assertEqual(decision.decision_id, "d-9")
        self.assertEqual(decision.approved_stake, 80.0)
        self.assertEqual(decision.limit_timeout_s, 90.0)
        self.assertEqual(decision.max_retries, 2)
        self.assertEqual(decision.retry_size_factors, [0.9, 0.75])
        self.assertEqual(decision.attempt, 1)
        self.assertEqual(decision.root_id, "d-9")
        self.assertEqual(decision.expires_at, NOW + MAX_DECISION_AGE_S)  # the reservation (200 s) lasts longer

    def test_shortReservation_limitsFreshness(self):
        decision = parse_answer(answer(reservation_expires_at="2027-01-15T08:00:20Z"), REQUEST, NOW, None)
        self.assertEqual(decision.expires_at, NOW + 20)

    def test_retryKeepsTheRootOfTheChain(self):
        request = dict(REQUEST, attempt=3, retry_of="d-1")
        decision = parse_answer(answer(), request, NOW, "d-1")
        self.assertEqual((decision.attempt, decision.root_id), (3, "d-1"))

    def test_denied(self):
        with self.assertRaises(Denied) as caught:
            parse_answer(answer(allowed=False, denied_by="KILL_SWITCH", reasons=["KILL_SWITCH: operator"]),
                         REQUEST, NOW, None)
        self.assertEqual(caught.exception.code, "KILL_SWITCH")
        self.assertEqual(caught.exception.reasons, ["KILL_SWITCH: operator"])

    def test_deniedWithoutCode(self):
        with self.assertRaises(Denied) as caught:
            parse_answer({"allowed": False}, REQUEST, NOW, None)
        self.assertEqual(caught.exception.code, "UNKNOWN")

    def test_malformed(self):
        for fields in ({"allowed": None}, {"allowed": "yes"}, {"decision_id": ""}, {"decision_id": 7},
                       {"approved_stake_amount": True}, {"approved_stake_amount": -1},
                       {"approved_stake_amount": float("inf")}, {"approved_stake_amount": 100.01},
                       {"request_id": "r-2"}):
            with self.subTest(fields):
                with self.assertRaises(OrchestratorError) as caught:
                    parse_answer(answer(**fields), REQUEST, NOW, None)
                self.assertEqual(caught.exception.kind, "malformed")

    def test_badExecutionBlock_meansNoMixinTimeout(self):
        decision = parse_answer(answer(execution={"limit_timeout_s": "soon"}), REQUEST, NOW, None)
        self.assertIsNone(decision.limit_timeout_s)
        self.assertEqual(decision.retry_size_factors, [])


if __name__ == "__main__":
    unittest.main()
