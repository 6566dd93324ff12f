package com.portfolioorchestrator.app.portfolio;

import com.portfolioorchestrator.core.Checks;
import java.time.LocalDate;

/** The equity at the start of a UTC day, base currency: part of the builder's state (see {@link DayPnl}). */
public record DayStart(LocalDate day, double equityBase, DayPnl.Source source) {
    public DayStart {
        Checks.notNull(day, "day");
        Checks.finite(equityBase, "equityBase");
        Checks.notNull(source, "source");
    }
}
