package dev.secureml.operator.drift;

import java.io.BufferedReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads CSV (RFC 4180 quoting, one record per line). With a header the first line names the
 * columns; without one the columns are {@code _c0}, {@code _c1}, ... as Model Monitor names them.
 * A row longer than the header gets {@code _cN} names for its extra fields.
 */
public final class CsvRecordReader extends RecordReader.LineReader {
  private final boolean header;
  private List<String> names;

  public CsvRecordReader(BufferedReader in, boolean header, String source) {
    super(in, source);
    this.header = header;
  }

  /** The column names known so far (after the header, or the widest row yet without one). */
  public List<String> columnNames() {
    return names == null ? List.of() : List.copyOf(names);
  }

  @Override
  protected List<Map<String, String>> parse(String line) {
    List<String> fields = split(line);
    if (names == null && header) {
      names = new ArrayList<>(fields.size());
      for (String f : fields) {
        String name = f.strip();
        if (name.isEmpty() || names.contains(name)) {
          throw error("header column " + (names.size() + 1) + " is empty or repeated: '" + name + "'");
        }
        names.add(name);
      }
      return List.of();
    }
    if (names == null) {
      names = new ArrayList<>();
    }
    while (names.size() < fields.size()) {
      names.add("_c" + names.size());
    }
    Map<String, String> record = new LinkedHashMap<>(names.size() * 2);
    for (int i = 0; i < fields.size(); i++) {
      record.put(names.get(i), fields.get(i));
    }
    return List.of(record);
  }

  /** Splits one CSV line; quoted fields may hold commas and doubled quotes. */
  List<String> split(String line) {
    return splitLine(line, () -> error("unterminated quoted field"));
  }

  static List<String> splitLine(String line, java.util.function.Supplier<RuntimeException> onError) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    int n = line.length();
    if (n > 0 && line.charAt(n - 1) == '\r') {
      n--;
    }
    while (true) {
      if (i < n && line.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= n) {
            throw onError.get();
          }
          char c = line.charAt(i++);
          if (c == '"') {
            if (i < n && line.charAt(i) == '"') {
              field.append('"');
              i++;
            } else {
              break;
            }
          } else {
            field.append(c);
          }
        }
        while (i < n && line.charAt(i) != ',') {
          field.append(line.charAt(i++));
        }
      } else {
        int comma = line.indexOf(',', i);
        int end = comma < 0 || comma > n ? n : comma;
        field.append(line, i, end);
        i = end;
      }
      fields.add(field.toString().strip());
      field.setLength(0);
      if (i >= n) {
        return fields;
      }
      i++; // the comma
    }
  }
}
