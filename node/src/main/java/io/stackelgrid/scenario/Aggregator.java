package io.stackelgrid.scenario;

/**
 * One row of the aggregators table (MODEL.md §10): a DER aggregator, a follower of the game, at one
 * bus. A bus may hold none, one or several; its id names it in errors and outputs.
 *
 * @param bus index of its bus in the scenario's grid
 * @param busName the bus's case id (what outputs and errors show)
 */
public record Aggregator(String id, int bus, String busName) {}
