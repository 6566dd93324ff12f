"""Logging that emits at most one record per kind per interval, so a dead orchestrator does not flood the bot log
(Freqtrade calls the entry callbacks for every pair on every 5 s loop)."""
import logging
import threading


class ThrottledLogger:
    """Logs a message for a `kind` only if that kind has not been logged within `interval_s` seconds of `clock()`.

    The first record after a quiet period says how many records of that kind were suppressed since the previous one.
    """

    def __init__(self, logger, clock, interval_s=60.0):
        self._logger = logger
        self._clock = clock
        self._interval_s = float(interval_s)
        self._last = {}
        self._suppressed = {}
        self._lock = threading.Lock()

    def log(self, level, kind, message, *args):
        """Returns True when the record was emitted, False when it was suppressed."""
        now = self._clock()
        with self._lock:
            last = self._last.get(kind)
            if last is not None and now - last < self._interval_s:
                self._suppressed[kind] = self._suppressed.get(kind, 0) + 1
                return False
            self._last[kind] = now
            suppressed = self._suppressed.pop(kind, 0)
        if suppressed:
            message = message + " (%d similar messages suppressed in the last %d s)"
            args = args + (suppressed, int(self._interval_s))
        self._logger.log(level, "orchestrator [%s] " + message, kind, *args)
        return True

    def error(self, kind, message, *args):
        return self.log(logging.ERROR, kind, message, *args)

    def warning(self, kind, message, *args):
        return self.log(logging.WARNING, kind, message, *args)

    def info(self, kind, message, *args):
        return self.log(logging.INFO, kind, message, *args)
