package com.portfolioorchestrator.config;

/**
 * Polling cadence (playbook section 5: risk every 60 s, execution guards every 15 s).
 *
 * @param staleAfterIntervals a bot with no successful poll within this many guard intervals is stale
 * @param heartbeatMaxAgeS    a bot whose /health heartbeat is older than this is stale
 * @param postmortemCron      Quartz cron expression, UTC
 */
public record ScheduleSettings(int riskCycleS, int guardCycleS, int staleAfterIntervals, int heartbeatMaxAgeS,
                               String postmortemCron) {}
