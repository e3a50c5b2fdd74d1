package com.smoft.crm.scoring;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamConstants;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Model files an attacker would write: a valid header and card around a hostile serialised payload. */
public final class HostileModelFiles {

    private HostileModelFiles() {
    }

    /** Writes {@code payload} as a model file whose card matches it, so that only the deserialisation can refuse it. */
    public static void write(Path target, byte[] payload) throws IOException {
        ModelFiles.write(payload, ModelFiles.readCard(ShippedModel.PATH), target, () -> { });
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
