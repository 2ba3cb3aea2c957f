package ai.dfalab.data;

/**
 * Which part of a data set to load.
 * The official training and test files of each data set; no validation split is carved out here.
 */
public enum Split {
    TRAIN,
    TEST
}
