package dev.tidemark.storage;

/** The test fake must itself keep the contract, or tests built on it prove nothing. */
class InMemoryStorageContractTest extends StorageContractTest {
    @Override
    protected SnapshotStorage newStorage() {
        return new InMemoryStorage();
    }
}
