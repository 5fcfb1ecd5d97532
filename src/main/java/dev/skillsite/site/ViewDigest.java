package dev.skillsite.site;

import dev.skillsite.markdown.SanitizedHtml;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * A SHA-256 over everything a template can read of a page: the view records, walked component by
 * component in declaration order, every value tagged with its type and every string and list
 * length-prefixed, so that two different views never encode alike. A page is a function of its
 * template and these values ({@link PageRenderer} has no other input: strict variables, no
 * functions with side inputs), so two pages with the same digest and templates are the same bytes.
 * A value of a type not walked here (a map, a set, an arbitrary object) has no digest: the page is
 * then always rendered.
 */
final class ViewDigest {
  private static final ClassValue<Method[]> ACCESSORS =
      new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
          RecordComponent[] components = type.getRecordComponents();
          Method[] out = new Method[components.length];
          for (int i = 0; i < components.length; i++) {
            out[i] = components[i].getAccessor();
            out[i].setAccessible(true);
          }
          return out;
        }
      };

  private final MessageDigest sha;

  private ViewDigest() {
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The digest of {@code values} in order, empty when one of them cannot be walked. */
  static Optional<byte[]> of(Object... values) {
    ViewDigest d = new ViewDigest();
    try {
      for (Object v : values) {
        d.value(v);
      }
    } catch (Unwalkable e) {
      return Optional.empty();
    }
    return Optional.of(d.sha.digest());
  }

  private void value(Object v) {
    if (v == null) {
      tag('0');
    } else if (v instanceof String s) {
      tag('s');
      bytes(s.getBytes(StandardCharsets.UTF_8));
    } else if (v instanceof Boolean b) {
      tag(b ? 't' : 'f');
    } else if (v instanceof Integer
        || v instanceof Long
        || v instanceof Short
        || v instanceof Byte) {
      tag('i');
      text(v.toString());
    } else if (v instanceof Double || v instanceof Float) {
      tag('d');
      text(v.toString());
    } else if (v instanceof Character c) {
      tag('c');
      text(c.toString());
    } else if (v instanceof Enum<?> e) {
      tag('e');
      text(e.getDeclaringClass().getName());
      text(e.name());
    } else if (v instanceof Optional<?> o) {
      tag('o');
      value(o.orElse(null));
    } else if (v instanceof List<?> list) {
      tag('l');
      count(list.size());
      for (Object item : list) {
        value(item);
      }
    } else if (v instanceof SanitizedHtml html) {
      tag('h');
      html.digestInto(sha);
    } else if (v.getClass().isRecord()) {
      tag('r');
      text(v.getClass().getName());
      for (Method m : ACCESSORS.get(v.getClass())) {
        try {
          value(m.invoke(v));
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new Unwalkable();
        }
      }
    } else {
      throw new Unwalkable();
    }
  }

  private void tag(char c) {
    sha.update((byte) c);
  }

  private void text(String s) {
    bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  private void bytes(byte[] b) {
    count(b.length);
    sha.update(b);
  }

  private void count(int n) {
    sha.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
  }

  /** A value this digest does not walk. */
  private static final class Unwalkable extends RuntimeException {
    Unwalkable() {
      super(null, null, false, false);
    }
  }
}
