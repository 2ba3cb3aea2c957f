package ai.dfalab.data;

/**
 * Where a square crop sits in a resized image (its top-left corner) and whether it is mirrored left to right.
 * Drawn from a seed for training, centred for evaluation, so that every augmented batch can be replayed.
 */
public record Crop(int top, int left, boolean flipped) {}
