package com.smoft.crm.scoring;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamConstants;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import smile.data.type.DataTypes;
import smile.data.type.StructField;

/** Model files an attacker would write: a valid header and card around a hostile serialised payload. */
public final class HostileModelFiles {

    private HostileModelFiles() {}

    /** Writes {@code payload} as a model file whose card matches it, so that only the deserialisation can refuse it. */
    public static void write(Path target, byte[] payload) throws IOException {
        ModelFiles.write(payload, ModelFiles.readCard(ShippedModel.PATH), target, () -> {});
    }

    /** A named pipe at {@code path}, which blocks whoever opens it to read until someone writes; skips the test where mkfifo is missing. */
    public static Path pipe(Path path) throws IOException, InterruptedException {
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString())
                .redirectErrorStream(true)
                .start();
        Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo makes named pipes here");
        return path;
    }

    /** Java serialisation of an object. */
    public static byte[] serialise(Serializable object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    /** The classic hash-collision bomb: each level doubles the work of hashing the outer set. */
    public static HashSet<Object> nestedSets(int depth) {
        HashSet<Object> root = new HashSet<>();
        Set<Object> left = root;
        Set<Object> right = new HashSet<>();
        for (int i = 0; i < depth; i++) {
            Set<Object> nextLeft = new HashSet<>();
            Set<Object> nextRight = new HashSet<>();
            nextRight.add("x" + i);
            left.add(nextLeft);
            left.add(nextRight);
            right.add(nextLeft);
            right.add(nextRight);
            left = nextLeft;
            right = nextRight;
        }
        return root;
    }

    /** The same bomb with maps, which a model does hold (Smile's schema). */
    public static HashMap<Object, Object> nestedMaps(int depth) {
        HashMap<Object, Object> root = new HashMap<>();
        Map<Object, Object> left = root;
        Map<Object, Object> right = new HashMap<>();
        for (int i = 0; i < depth; i++) {
            Map<Object, Object> nextLeft = new HashMap<>();
            Map<Object, Object> nextRight = new HashMap<>();
            nextRight.put(i, i);
            left.put(nextLeft, 0);
            left.put(nextRight, 1);
            right.put(nextLeft, 0);
            right.put(nextRight, 1);
            left = nextLeft;
            right = nextRight;
        }
        return root;
    }

    /**
     * A hash bomb built of classes a model does hold: a map of {@code keys} lists, each holding its number and one
     * shared list of {@code depth} levels, every level holding the next one twice. Reading it hashes every key,
     * and hashing the shared list visits 2^(depth + 1) lists: 252 KB for 6 000 keys of 20 levels, half a minute of a
     * core, and more with every key (a file of 25 MB, most of an hour).
     */
    public static HashMap<Object, Object> listKeyedMap(int keys, int depth) {
        ArrayList<Object> shared = new ArrayList<>();
        HashMap<Object, Object> root = new HashMap<>();
        for (int i = 0; i < keys; i++) {
            root.put(new ArrayList<>(List.of(i, shared)), i);
        }
        // Built after the keys went in, so that putting them did not hash it.
        ArrayList<Object> level = shared;
        for (int i = 0; i < depth; i++) {
            ArrayList<Object> next = new ArrayList<>();
            level.add(next);
            level.add(next);
            level = next;
        }
        return root;
    }

    /**
     * One list of {@code size} schema fields as the key of {@code size} entries of a map: a stream no map writes (it
     * holds a key once), whose reading hashes the whole list at every entry. About 1 MB for 50 000, flat, no class
     * but a model's, and 2.5 billion hashes to read.
     */
    public static byte[] oneListKeyingEveryEntry(int size) throws IOException {
        ArrayList<StructField> list =
                new ArrayList<>(Collections.nCopies(size, new StructField("recency_days", DataTypes.IntType)));
        // The highest load factor a map reads keeps its table within the array limit.
        HashMap<String, Integer> map = new HashMap<>(16, 4f);
        for (int i = 0; i < size; i++) {
            map.put("key " + i, i);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes) {
            {
                enableReplaceObject(true);
            }

            @Override
            protected Object replaceObject(Object object) {
                return object instanceof String name && name.startsWith("key ") ? list : object;
            }
        }) {
            out.writeObject(map);
        }
        return bytes.toByteArray();
    }

    /** A stream announcing a {@code long[]} of {@code length} elements, with none of them: 35 bytes. */
    public static byte[] announcedLongArray(int length) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeShort(ObjectStreamConstants.STREAM_MAGIC);
        out.writeShort(ObjectStreamConstants.STREAM_VERSION);
        out.writeByte(ObjectStreamConstants.TC_ARRAY);
        out.writeByte(ObjectStreamConstants.TC_CLASSDESC);
        out.writeUTF("[J");
        out.writeLong(0x782004b512b17593L);
        out.writeByte(ObjectStreamConstants.SC_SERIALIZABLE);
        out.writeShort(0);
        out.writeByte(ObjectStreamConstants.TC_ENDBLOCKDATA);
        out.writeByte(ObjectStreamConstants.TC_NULL);
        out.writeInt(length);
        return bytes.toByteArray();
    }
}
