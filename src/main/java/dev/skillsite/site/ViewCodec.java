package dev.skillsite.site;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Page view values (the records of {@code site.view} and the few they hold: strings, numbers,
 * booleans, enums, lists, optionals) as bytes and back, walked as {@link ViewDigest} walks them:
 * each record by its class name and components in declaration order. What a patch build keeps of
 * the parts of a skill's page that depend on other skills, to render the page again with them. Only
 * records of this program's packages are made again from bytes.
 */
final class ViewCodec {
  private static final String OURS = "dev.skillsite.";

  private ViewCodec() {}

  /** The bytes of {@code values}, in order. */
  static byte[] encode(Object... values) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(values.length);
      for (Object v : values) {
        write(out, v);
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The values {@link #encode} was given; an exception when the bytes are not such values. */
  static List<Object> decode(byte[] bytes) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    int n = in.readInt();
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      values.add(read(in));
    }
    return values;
  }

  private static void write(DataOutputStream out, Object v) throws IOException {
    if (v == null) {
      out.writeByte('0');
    } else if (v instanceof String s) {
      out.writeByte('s');
      string(out, s);
    } else if (v instanceof Boolean b) {
      out.writeByte(b ? 't' : 'f');
    } else if (v instanceof Integer i) {
      out.writeByte('i');
      out.writeInt(i);
    } else if (v instanceof Long l) {
      out.writeByte('j');
      out.writeLong(l);
    } else if (v instanceof Double d) {
      out.writeByte('d');
      out.writeDouble(d);
    } else if (v instanceof Enum<?> e) {
      out.writeByte('e');
      string(out, e.getDeclaringClass().getName());
      string(out, e.name());
    } else if (v instanceof Optional<?> o) {
      out.writeByte('o');
      write(out, o.orElse(null));
    } else if (v instanceof List<?> list) {
      out.writeByte('l');
      out.writeInt(list.size());
      for (Object item : list) {
        write(out, item);
      }
    } else if (v.getClass().isRecord() && v.getClass().getName().startsWith(OURS)) {
      out.writeByte('r');
      string(out, v.getClass().getName());
      for (RecordComponent c : v.getClass().getRecordComponents()) {
        try {
          var m = c.getAccessor();
          m.setAccessible(true);
          write(out, m.invoke(v));
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new IllegalArgumentException("cannot read " + c, e);
        }
      }
    } else {
      throw new IllegalArgumentException("not a view value: " + v.getClass().getName());
    }
  }

  private static Object read(DataInputStream in) throws IOException {
    int tag = in.readByte();
    switch (tag) {
      case '0':
        return null;
      case 's':
        return string(in);
      case 't':
        return Boolean.TRUE;
      case 'f':
        return Boolean.FALSE;
      case 'i':
        return in.readInt();
      case 'j':
        return in.readLong();
      case 'd':
        return in.readDouble();
      case 'e':
        {
          Class<?> type = ours(string(in));
          String name = string(in);
          for (Object c : type.getEnumConstants()) {
            if (((Enum<?>) c).name().equals(name)) {
              return c;
            }
          }
          throw new IOException("no constant " + name + " in " + type.getName());
        }
      case 'o':
        return Optional.ofNullable(read(in));
      case 'l':
        {
          int n = in.readInt();
          if (n < 0 || n > 1 << 20) {
            throw new IOException("bad list length " + n);
          }
          List<Object> list = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            list.add(read(in));
          }
          return List.copyOf(list);
        }
      case 'r':
        {
          Class<?> type = ours(string(in));
          RecordComponent[] components = type.getRecordComponents();
          if (components == null) {
            throw new IOException(type.getName() + " is not a record");
          }
          Class<?>[] types = new Class<?>[components.length];
          Object[] args = new Object[components.length];
          for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = read(in);
          }
          try {
            Constructor<?> make = type.getDeclaredConstructor(types);
            make.setAccessible(true);
            return make.newInstance(args);
          } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new IOException("cannot make " + type.getName(), e);
          }
        }
      default:
        throw new IOException("bad tag " + tag);
    }
  }

  private static Class<?> ours(String name) throws IOException {
    if (!name.startsWith(OURS)) {
      throw new IOException("not a view class: " + name);
    }
    try {
      return Class.forName(name, false, ViewCodec.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IOException("no class " + name, e);
    }
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String string(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 1 << 26) {
      throw new IOException("bad string length " + n);
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
