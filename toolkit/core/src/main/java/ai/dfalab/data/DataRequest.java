package ai.dfalab.data;

/**
 * What a run reads: a data set, how much of it, and in what form.
 *
 * @param trainLimit the first {@code trainLimit} training samples only (0: all)
 * @param testLimit  the first {@code testLimit} test samples only (0: all)
 * @param batch      samples per batch of evaluation (and of decoding, for streamed data)
 * @param scaleTo224 CIFAR images scaled to 256x256, random 224 crop and flip (Table 3's pipeline for the 224x224
 *                   networks); ImageNet is always cropped to 224
 */
public record DataRequest(DatasetName dataset, int trainLimit, int testLimit, int batch, boolean scaleTo224) {}
