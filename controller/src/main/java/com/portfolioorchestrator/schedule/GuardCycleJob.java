package com.portfolioorchestrator.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/** Quartz shell of {@code PortfolioPoller.runGuardCycle()}; never two at once (an overrun is not started twice). */
@DisallowConcurrentExecution
public final class GuardCycleJob implements Job {
    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        PollingScheduler.poller(context).runGuardCycle();
    }
}
