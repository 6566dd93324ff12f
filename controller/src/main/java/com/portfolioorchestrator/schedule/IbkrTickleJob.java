package com.portfolioorchestrator.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/** Quartz shell of {@code PortfolioPoller.tickleIbkr()} (every 60 s, scheduled only when IBKR is enabled). */
@DisallowConcurrentExecution
public final class IbkrTickleJob implements Job {
    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        PollingScheduler.poller(context).tickleIbkr();
    }
}
