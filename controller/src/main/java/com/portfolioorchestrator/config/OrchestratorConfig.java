package com.portfolioorchestrator.config;

import com.portfolioorchestrator.core.policy.RiskPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The whole validated configuration: the core's {@link RiskPolicy} plus everything that is about the outside world
 * (addresses, credentials, files, schedules).
 *
 * @param safetyLockRefusals the toggles the safety lock kept on in live mode, one line each (empty in paper mode)
 */
public record OrchestratorConfig(Path file, RiskPolicy risk, String listenHost, int listenPort, Path database,
                                 Path profilesDir, ScheduleSettings schedule, List<BotConnection> bots,
                                 List<OperatorAccount> operators, IbkrConnection ibkr, TelegramSettings telegram,
                                 Path newsCalendar, List<String> safetyLockRefusals) {
    public OrchestratorConfig {
        bots = List.copyOf(bots);
        operators = List.copyOf(operators);
        safetyLockRefusals = List.copyOf(safetyLockRefusals);
    }

    public Optional<BotConnection> findBot(String id) {
        return bots.stream().filter(b -> b.id().equals(id)).findFirst();
    }
}
