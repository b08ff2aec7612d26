package dev.secureml.operator.logs;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A console stream that masks secrets in whatever is printed through it, with the
 * {@linkplain RedactionScope current resource's redactor}: the operator's own log (slf4j-simple
 * writes to System.err, the framework's and the AWS SDK's messages included) and the sandbox's
 * console. Formatted output is redacted as a whole, so a {@code key=value} pair split between a
 * format string and its argument is still found.
 */
public final class RedactingPrintStream extends PrintStream {
  private RedactingPrintStream(PrintStream target) {
    super(target, true);
  }

  /** The stream, redacting; a stream that already redacts is returned as it is. */
  public static PrintStream wrap(PrintStream target) {
    return target instanceof RedactingPrintStream ? target : new RedactingPrintStream(target);
  }

  private static String redact(String text) {
    return RedactionScope.redact(text);
  }

  @Override
  public void print(String s) {
    super.print(redact(s));
  }

  @Override
  public void print(Object obj) {
    super.print(redact(String.valueOf(obj)));
  }

  @Override
  public void print(char[] s) {
    super.print(redact(new String(s)));
  }

  @Override
  public void println(String s) {
    synchronized (this) {
      print(s);
      println();
    }
  }

  @Override
  public void println(Object x) {
    println(String.valueOf(x));
  }

  @Override
  public void println(char[] x) {
    println(new String(x));
  }

  @Override
  public PrintStream printf(String format, Object... args) {
    return format(format, args);
  }

  @Override
  public PrintStream printf(Locale l, String format, Object... args) {
    return format(l, format, args);
  }

  @Override
  public PrintStream format(String format, Object... args) {
    print(String.format(format, args));
    return this;
  }

  @Override
  public PrintStream format(Locale l, String format, Object... args) {
    print(String.format(l, format, args));
    return this;
  }

  @Override
  public PrintStream append(CharSequence csq) {
    print(String.valueOf(csq));
    return this;
  }
}
