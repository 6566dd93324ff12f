package com.portfolioorchestrator.schedule;

import com.portfolioorchestrator.app.polling.PortfolioPoller;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/**
 * The polling schedule on Quartz (RAMJobStore): the guard cycle every {@code guard_cycle_s}, the risk cycle every
 * {@code risk_cycle_s} (both start at once), and the IBKR tickle every 60 s when enabled. Each job is
 * {@code @DisallowConcurrentExecution}; a firing missed because the previous run overran is dropped (the next one comes
 * on schedule), never queued up into a burst.
 */
public final class PollingScheduler implements AutoCloseable {
    /** Key of the poller in the scheduler context. */
    static final String POLLER = "portfolioPoller";
    public static final Duration TICKLE_INTERVAL = Duration.ofSeconds(60);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Scheduler scheduler;

    /**
     * @param tickle present when IBKR is enabled: the tickle interval (60 s live)
     */
    public PollingScheduler(PortfolioPoller poller, Duration guardInterval, Duration riskInterval,
                            Optional<Duration> tickle) throws SchedulerException {
        Objects.requireNonNull(poller, "poller");
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "orchestrator-polling-" + INSTANCES.incrementAndGet());
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", "3");
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "1000");
        scheduler = new StdSchedulerFactory(p).getScheduler();
        scheduler.getContext().put(POLLER, poller);
        schedule(GuardCycleJob.class, "guard-cycle", guardInterval);
        schedule(RiskCycleJob.class, "risk-cycle", riskInterval);
        if (tickle.isPresent()) {
            schedule(IbkrTickleJob.class, "ibkr-tickle", tickle.get());
        }
    }

    public void start() throws SchedulerException {
        scheduler.start();
    }

    /** Stops firing and waits for running jobs to finish. */
    @Override
    public void close() throws SchedulerException {
        scheduler.shutdown(true);
    }

    static PortfolioPoller poller(JobExecutionContext context) throws JobExecutionException {
        try {
            return (PortfolioPoller) context.getScheduler().getContext().get(POLLER);
        } catch (SchedulerException e) {
            throw new JobExecutionException("no poller in the scheduler context", e);
        }
    }

    private void schedule(Class<? extends org.quartz.Job> job, String name, Duration interval) throws SchedulerException {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(name + " interval must be > 0, was " + interval);
        }
        scheduler.scheduleJob(JobBuilder.newJob(job).withIdentity(name, "polling").build(),
                TriggerBuilder.newTrigger().withIdentity(name, "polling").startNow()
                        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(interval.toMillis())
                                .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
                        .build());
    }
}
