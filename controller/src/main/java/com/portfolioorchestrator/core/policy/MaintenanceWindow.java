package com.portfolioorchestrator.core.policy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * A weekly or daily broker maintenance window in UTC (abstractfinance Phase 9), written as
 * {@code "Sun 23:45-Mon 00:45"} or {@code "daily 22:00-22:15"}. The start is inclusive, the end exclusive.
 *
 * @param startMinuteOfWeek minutes after Monday 00:00 UTC; for a daily window, of the Monday occurrence
 * @param endMinuteOfWeek   may be below the start when the window wraps past Sunday midnight
 */
public record MaintenanceWindow(String text, boolean daily, int startMinuteOfWeek, int endMinuteOfWeek) {
    private static final int DAY = 24 * 60;

    /** Parses the config form; the message names the text and what is wrong with it. */
    public static MaintenanceWindow parse(String text) {
        String trimmed = text.trim();
        String[] halves = trimmed.split("-", 2);
        if (halves.length != 2) {
            throw new IllegalArgumentException("maintenance window '" + text + "' must look like 'Sun 23:45-Mon 00:45' or 'daily 22:00-22:15'");
        }
        String[] start = halves[0].trim().split("\\s+");
        String[] end = halves[1].trim().split("\\s+");
        if (start.length == 2 && start[0].equalsIgnoreCase("daily") && end.length == 1) {
            int s = minuteOfDay(start[1], text);
            int e = minuteOfDay(end[0], text);
            if (s == e) {
                throw new IllegalArgumentException("maintenance window '" + text + "' is empty");
            }
            return new MaintenanceWindow(trimmed, true, s, e);
        }
        if (start.length == 2 && end.length == 2) {
            int s = day(start[0], text) * DAY + minuteOfDay(start[1], text);
            int e = day(end[0], text) * DAY + minuteOfDay(end[1], text);
            if (s == e) {
                throw new IllegalArgumentException("maintenance window '" + text + "' is empty");
            }
            return new MaintenanceWindow(trimmed, false, s, e);
        }
        throw new IllegalArgumentException("maintenance window '" + text + "' must look like 'Sun 23:45-Mon 00:45' or 'daily 22:00-22:15'");
    }

    /** True when the instant falls inside the window. */
    public boolean contains(Instant instant) {
        ZonedDateTime t = instant.atZone(ZoneOffset.UTC);
        int minuteOfDay = t.getHour() * 60 + t.getMinute();
        if (daily) {
            return within(minuteOfDay, startMinuteOfWeek, endMinuteOfWeek);
        }
        int minuteOfWeek = (t.getDayOfWeek().getValue() - 1) * DAY + minuteOfDay;
        return within(minuteOfWeek, startMinuteOfWeek, endMinuteOfWeek);
    }

    private static boolean within(int x, int start, int end) {
        return start < end ? x >= start && x < end : x >= start || x < end;
    }

    private static int minuteOfDay(String hhmm, String text) {
        String[] parts = hhmm.split(":");
        try {
            int h = Integer.parseInt(parts[0]);
            int m = parts.length == 2 ? Integer.parseInt(parts[1]) : -1;
            if (parts.length != 2 || h < 0 || h > 23 || m < 0 || m > 59) {
                throw new NumberFormatException();
            }
            return h * 60 + m;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("maintenance window '" + text + "': time '" + hhmm + "' must be HH:MM");
        }
    }

    private static int day(String name, String text) {
        String n = name.toLowerCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().toLowerCase(Locale.ROOT).startsWith(n) && n.length() >= 3) {
                return d.getValue() - 1;
            }
        }
        throw new IllegalArgumentException("maintenance window '" + text + "': day '" + name + "' must be Mon..Sun or daily");
    }

}
