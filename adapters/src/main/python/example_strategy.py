"""OrchestratedEmaCross: a complete Freqtrade strategy whose entries the Portfolio Orchestrator decides.

Copy this file and the `orchestrator_mixin/` folder into `user_data/strategies/`, add the orchestrator keys to the bot's
config (see docs/freqtrade.md) and run `freqtrade trade --strategy OrchestratedEmaCross`.

The trading logic (an EMA crossover with one DCA order) is deliberately plain: the point is where the orchestrator
sits. Every initial entry and every DCA order is asked for with POST /api/v1/decisions; the bot enters only with the
stake the orchestrator approved, and reports fills and timed-out orders back.
"""
from datetime import datetime
from typing import Optional

from freqtrade.strategy import IStrategy
from pandas import DataFrame

from orchestrator_mixin import OrchestratedStrategyMixin


class OrchestratedEmaCross(OrchestratedStrategyMixin, IStrategy):
    INTERFACE_VERSION = 3

    timeframe = "15m"
    can_short = False
    startup_candle_count = 60
    process_only_new_candles = True

    minimal_roi = {"0": 0.04, "120": 0.02, "480": 0.0}
    # Sent to the orchestrator as stop_price = rate * (1 - 0.05 / leverage) for a long: Freqtrade's stoploss is a
    # ratio of the (leveraged) position, so at 5x this is a 1 % price move.
    stoploss = -0.05
    trailing_stop = False

    # One DCA order at most; the orchestrator is asked for it with kind = "increase".
    position_adjustment_enable = True
    max_entry_position_adjustment = 1

    order_types = {
        "entry": "limit",
        "exit": "limit",
        "stoploss": "market",
        "stoploss_on_exchange": False,
    }
    # Freqtrade's own entry timeout is checked BEFORE check_entry_timeout, so it must be longer than the
    # orchestrator's limit_timeout_s (90 / 180 / 300 s by bucket); it stays as the backstop.
    unfilledtimeout = {"entry": 10, "exit": 10, "unit": "minutes", "exit_timeout_count": 0}

    fast_span = 12
    slow_span = 48
    dca_drop = -0.04

    def populate_indicators(self, dataframe: DataFrame, metadata: dict) -> DataFrame:
        dataframe["ema_fast"] = dataframe["close"].ewm(span=self.fast_span, adjust=False).mean()
        dataframe["ema_slow"] = dataframe["close"].ewm(span=self.slow_span, adjust=False).mean()
        return dataframe

    def populate_entry_trend(self, dataframe: DataFrame, metadata: dict) -> DataFrame:
        crossed_up = (dataframe["ema_fast"] > dataframe["ema_slow"]) & (
            dataframe["ema_fast"].shift(1) <= dataframe["ema_slow"].shift(1)
        )
        dataframe.loc[crossed_up & (dataframe["volume"] > 0), ["enter_long", "enter_tag"]] = (1, "ema_cross")
        return dataframe

    def populate_exit_trend(self, dataframe: DataFrame, metadata: dict) -> DataFrame:
        crossed_down = (dataframe["ema_fast"] < dataframe["ema_slow"]) & (
            dataframe["ema_fast"].shift(1) >= dataframe["ema_slow"].shift(1)
        )
        dataframe.loc[crossed_down & (dataframe["volume"] > 0), ["exit_long", "exit_tag"]] = (1, "ema_cross_down")
        return dataframe

    # ---- orchestrated_* hooks: the strategy's own wishes; the orchestrator has the last word -------------------

    def orchestrated_custom_stake_amount(self, pair: str, current_time: datetime, current_rate: float,
                                         proposed_stake: float, min_stake: Optional[float], max_stake: float,
                                         leverage: float, entry_tag: Optional[str], side: str, **kwargs) -> float:
        # What this strategy would stake on its own; the orchestrator may scale it down or deny it.
        return proposed_stake

    def orchestrated_adjust_trade_position(self, trade, current_time: datetime, current_rate: float,
                                           current_profit: float, min_stake: Optional[float], max_stake: float,
                                           current_entry_rate: float, current_exit_rate: float,
                                           current_entry_profit: float, current_exit_profit: float,
                                           **kwargs) -> Optional[float]:
        # One DCA order of the same stake again once the trade is 4 % down; None means no order.
        if current_profit > self.dca_drop or trade.nr_of_successful_entries > 1 or trade.has_open_orders:
            return None
        return trade.stake_amount

    def orchestrated_edge_score(self, pair: str, side: str, entry_tag: Optional[str], current_time: datetime,
                                **kwargs) -> Optional[float]:
        # None lets the orchestrator use this strategy's rolling expectancy from its closed trades.
        return None
