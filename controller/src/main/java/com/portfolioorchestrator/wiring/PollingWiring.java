package com.portfolioorchestrator.wiring;

import com.portfolioorchestrator.adapters.freqtrade.FreqtradeClient;
import com.portfolioorchestrator.adapters.ibkr.IbkrClient;
import com.portfolioorchestrator.app.polling.KillSwitchActions;
import com.portfolioorchestrator.app.polling.PortfolioPoller;
import com.portfolioorchestrator.app.polling.ports.BotCommands;
import com.portfolioorchestrator.app.polling.ports.FreqtradeSource;
import com.portfolioorchestrator.app.polling.ports.IbkrSource;
import com.portfolioorchestrator.app.portfolio.HistorySeed;
import com.portfolioorchestrator.app.portfolio.PortfolioSettings;
import com.portfolioorchestrator.config.OrchestratorConfig;
import com.portfolioorchestrator.config.ScheduleSettings;
import com.portfolioorchestrator.schedule.PollingScheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.quartz.SchedulerException;

/** Assembles the poller, its Quartz schedule and the kill-switch actions from the configuration (for Main). */
public final class PollingWiring {
    private PollingWiring() {}

    /** The parts; close the scheduler, then the poller. */
    public record Polling(PortfolioPoller poller, PollingScheduler scheduler, KillSwitchActions killSwitch) {}

    public static PortfolioSettings settings(OrchestratorConfig config) {
        ScheduleSettings s = config.schedule();
        return new PortfolioSettings(Duration.ofSeconds(s.guardCycleS()), Duration.ofSeconds(s.riskCycleS()),
                s.staleAfterIntervals(), Duration.ofSeconds(s.heartbeatMaxAgeS()), config.ibkr().enabled());
    }

    public static Polling fromConfig(OrchestratorConfig config, OkHttpClient shared, Clock clock, HistorySeed seed)
            throws SchedulerException {
        return fromConfig(config, shared, clock, seed, 1.0);
    }

    /**
     * @param timeScale how many times faster than the wall clock {@code clock} runs (the demo's simulated time): the
     *                  configured intervals are in the clock's seconds, so the scheduler fires every interval / timeScale
     *                  of wall time. 1 for real trading.
     */
    public static Polling fromConfig(OrchestratorConfig config, OkHttpClient shared, Clock clock, HistorySeed seed,
                                     double timeScale) throws SchedulerException {
        if (!(timeScale > 0)) {
            throw new IllegalArgumentException("timeScale must be > 0, was " + timeScale);
        }
        List<FreqtradeBotSource> bots = FreqtradeSources.fromConfig(config, shared, clock, FreqtradeClient.Options.defaults());
        Optional<IbkrSource> ibkr = Optional.empty();
        if (config.ibkr().enabled()) {
            IbkrClient client = new IbkrClient(config.ibkr().url(), shared, clock,
                    IbkrClient.Options.defaults().withVerifyTls(config.ibkr().verifyTls()));
            ibkr = Optional.of(new IbkrSources(client, config.ibkr().account()));
        }
        PortfolioSettings settings = settings(config);
        PortfolioPoller poller = new PortfolioPoller(config.risk(), settings, new ArrayList<FreqtradeSource>(bots), ibkr,
                seed, clock);
        PollingScheduler scheduler = new PollingScheduler(poller, wall(settings.guardInterval(), timeScale),
                wall(settings.riskInterval(), timeScale), ibkr.map(i -> wall(PollingScheduler.TICKLE_INTERVAL, timeScale)));
        return new Polling(poller, scheduler, new KillSwitchActions(new ArrayList<BotCommands>(bots)));
    }

    private static Duration wall(Duration interval, double timeScale) {
        return Duration.ofNanos(Math.max(50_000_000L, (long) (interval.toNanos() / timeScale)));
    }
}
