package com.portfolioorchestrator.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/** Quartz shell of {@code PortfolioPoller.runRiskCycle()}; never two at once. */
@DisallowConcurrentExecution
public final class RiskCycleJob implements Job {
    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        PollingScheduler.poller(context).runRiskCycle();
    }
}
