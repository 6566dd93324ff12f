"""Portfolio Orchestrator strategy mixin for Freqtrade (standard library only; imports nothing from freqtrade).

    from orchestrator_mixin import OrchestratedStrategyMixin

    class MyStrategy(OrchestratedStrategyMixin, IStrategy):
        ...

See docs/freqtrade.md.
"""
from .client import DecisionClient, OrchestratorError
from .mixin import OrchestratedStrategyMixin

__all__ = ["OrchestratedStrategyMixin", "DecisionClient", "OrchestratorError"]
__version__ = "1.0.0"
