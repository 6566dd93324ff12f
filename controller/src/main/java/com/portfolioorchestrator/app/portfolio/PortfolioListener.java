package com.portfolioorchestrator.app.portfolio;

/**
 * The contract with the decision engine: the poller calls it after every cycle (guard or risk) that produced a
 * complete view ({@link PortfolioView#complete()}), from the cycle's thread, one call at a time. An implementation
 * should hand the view over quickly (it is immutable and may be kept); an exception is logged and does not stop polling.
 */
@FunctionalInterface
public interface PortfolioListener {
    void onPortfolio(PortfolioView view);
}
