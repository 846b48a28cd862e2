package dev.backprop.teaching;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits of the teaching endpoints ({@code backprop.teaching.*}).
 *
 * @param batchMaxProblems the most problems one {@code /backprop/batch} request may hold
 * @param gradientCheckMaxParameters the most weights and biases a {@code /gradient-check} may
 *     perturb: each costs two forward passes
 */
@ConfigurationProperties("backprop.teaching")
public record TeachingSettings(Integer batchMaxProblems, Integer gradientCheckMaxParameters) {

    public TeachingSettings {
        batchMaxProblems = batchMaxProblems == null ? 100 : batchMaxProblems;
        gradientCheckMaxParameters = gradientCheckMaxParameters == null ? 10_000 : gradientCheckMaxParameters;
        if (batchMaxProblems < 1 || gradientCheckMaxParameters < 1) {
            throw new IllegalArgumentException("backprop.teaching limits must be at least 1");
        }
    }
}
