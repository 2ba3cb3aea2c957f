package ai.dfalab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StoreLocationTest {
    @Test
    void pathsAndFileUrisAreLocalFoldersOtherSchemesGoThroughHadoop() {
        StoreLocation relative = StoreLocation.parse("results/runs");
        assertFalse(relative.viaHadoop());
        assertEquals(Path.of("results/runs").toAbsolutePath().toUri(), relative.uri());
        StoreLocation file = StoreLocation.parse("file:///shared/dfa-runs");
        assertFalse(file.viaHadoop());
        assertEquals("/shared/dfa-runs", file.toString());
        StoreLocation hdfs = StoreLocation.parse("hdfs://namenode:8020/dfa/runs");
        assertTrue(hdfs.viaHadoop());
        assertEquals(URI.create("hdfs://namenode:8020/dfa/runs"), hdfs.uri());
        assertTrue(StoreLocation.parse("s3a://bucket/dfa/runs").viaHadoop());
    }

    @Test
    void aStoreWithoutAnAbsolutePathIsRefusedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StoreLocation.parse("file:runs"))
                .getMessage()
                .startsWith("--store 'file:runs'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StoreLocation.parse("s3a://bucket"))
                .getMessage()
                .contains("absolute path"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StoreLocation.parse(" "))
                .getMessage()
                .startsWith("--store is empty"));
    }
}
