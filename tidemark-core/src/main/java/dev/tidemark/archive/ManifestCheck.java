package dev.tidemark.archive;

import dev.tidemark.schema.Table;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/** Compares what an archive actually held with what its manifest says it holds. */
final class ManifestCheck {
    private ManifestCheck() {
    }

    /**
     * @param header    the header read from header.json
     * @param manifest  the manifest read from manifest.json
     * @param partsRead per schema table, the parts as read (hash and counts computed while reading)
     */
    static void verify(SnapshotHeader header, Manifest manifest, List<List<PartInfo>> partsRead) {
        checkHeader(header, manifest.header());
        List<Table> tables = header.schema().tables();
        List<TableContents> listed = manifest.tables();
        if (listed.size() != tables.size()) {
            throw ArchiveFailures.invalid("archive is corrupt: manifest.json lists " + listed.size()
                    + " tables but the schema has " + tables.size());
        }
        long totalRows = 0;
        long totalBytes = 0;
        for (int i = 0; i < tables.size(); i++) {
            TableContents contents = listed.get(i);
            if (!contents.name().equals(tables.get(i).name())) {
                throw ArchiveFailures.invalid("archive is corrupt: manifest.json lists table " + contents.name()
                        + " where the schema has " + tables.get(i).name());
            }
            checkParts(contents, partsRead.get(i));
            long rows = contents.parts().stream().mapToLong(PartInfo::rows).sum();
            if (rows != contents.rows()) {
                throw ArchiveFailures.invalid("archive is corrupt: manifest.json says table " + contents.name()
                        + " has " + contents.rows() + " rows but its parts hold " + rows);
            }
            totalRows += rows;
            totalBytes += contents.parts().stream().mapToLong(PartInfo::bytes).sum();
        }
        if (totalRows != manifest.totalRows() || totalBytes != manifest.totalBytes()) {
            throw ArchiveFailures.invalid("archive is corrupt: the totals in manifest.json (" + manifest.totalRows()
                    + " rows, " + manifest.totalBytes() + " bytes) do not match its parts (" + totalRows + " rows, "
                    + totalBytes + " bytes)");
        }
    }

    private static void checkParts(TableContents listed, List<PartInfo> read) {
        Map<String, PartInfo> readByPath = new HashMap<>();
        read.forEach(p -> readByPath.put(p.path(), p));
        Set<String> listedPaths = new HashSet<>();
        for (PartInfo expected : listed.parts()) {
            if (!listedPaths.add(expected.path())) {
                throw ArchiveFailures.invalid("archive is corrupt: manifest.json lists " + expected.path() + " twice");
            }
            PartInfo actual = readByPath.get(expected.path());
            if (actual == null) {
                throw ArchiveFailures.invalid("archive is corrupt: manifest.json lists " + expected.path()
                        + " but the archive does not contain it");
            }
            if (!actual.sha256().equalsIgnoreCase(expected.sha256()) || actual.bytes() != expected.bytes()) {
                throw ArchiveFailures.invalid("archive is corrupt: " + expected.path()
                        + " does not match its SHA-256 checksum in manifest.json");
            }
            if (actual.rows() != expected.rows()) {
                throw ArchiveFailures.invalid("archive is corrupt: " + expected.path() + " holds " + actual.rows()
                        + " rows but manifest.json says " + expected.rows());
            }
        }
        for (PartInfo actual : read) {
            if (!listedPaths.contains(actual.path())) {
                throw ArchiveFailures.invalid("archive is corrupt: it contains " + actual.path()
                        + ", which manifest.json does not list");
            }
        }
        // same set of paths; the order must be the same as well
        List<String> listedOrder = listed.parts().stream().map(PartInfo::path).toList();
        List<String> readOrder = read.stream().map(PartInfo::path).toList();
        if (!listedOrder.equals(readOrder)) {
            throw ArchiveFailures.invalid("archive is corrupt: manifest.json lists the parts of table "
                    + listed.name() + " in a different order than the archive holds them");
        }
    }

    private static void checkHeader(SnapshotHeader fromHeader, SnapshotHeader fromManifest) {
        Map<String, Function<SnapshotHeader, Object>> fields = new java.util.LinkedHashMap<>();
        fields.put("snapshotId", SnapshotHeader::snapshotId);
        fields.put("source", SnapshotHeader::source);
        fields.put("backend", SnapshotHeader::backend);
        fields.put("backendVersion", SnapshotHeader::backendVersion);
        fields.put("createdAt", SnapshotHeader::createdAt);
        fields.put("consistencyPoint", header -> header.position() == null ? null
                : List.of(header.position().kind(), header.position().text(), header.position().details()));
        fields.put("schema", SnapshotHeader::schema);
        fields.put("warnings", SnapshotHeader::warnings);
        for (var field : fields.entrySet()) {
            if (!Objects.equals(field.getValue().apply(fromHeader), field.getValue().apply(fromManifest))) {
                throw ArchiveFailures.invalid("archive is corrupt: manifest.json and header.json disagree on "
                        + field.getKey());
            }
        }
        if (!fromHeader.equals(fromManifest)) {
            throw ArchiveFailures.invalid("archive is corrupt: manifest.json and header.json disagree");
        }
    }
}
