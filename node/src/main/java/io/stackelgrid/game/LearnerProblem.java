package io.stackelgrid.game;

/** What a best response is trained on: a follower's problem or the leader's. */
public sealed interface LearnerProblem permits FollowerProblem, LeaderProblem {}
