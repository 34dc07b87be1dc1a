package io.stackelgrid.world;

/** Load shed or surplus spilled at a bus in a step (MODEL.md §2), in the grid's unit. */
public record SlackEvent(int step, String bus, double shedMwh, double spillMwh) {}
