package io.stackelgrid.ppo;

/**
 * What one {@link PpoLearner#learn} call did: rollouts and steps collected, wall time split between
 * rollout collection and updates, and the last update's losses (Stable-Baselines3's log names).
 */
public record LearnStats(
    int rollouts,
    long timesteps,
    long rolloutNanos,
    long updateNanos,
    double policyLoss,
    double valueLoss,
    double entropy,
    double approxKl,
    double clipFraction) {}
