package io.tierwise.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tierwise.TierwiseException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a company's own files (or database) map onto our four sources. Loaded from a YAML file
 * (docs/mapping.md) and validated before any data is read: every error names the key and what was
 * expected. {@link #ownFormat(Path)} builds the mapping for a directory already in our format.
 */
public record SourceMapping(Optional<Path> file, List<SourceSpec> sources) {

  /** The YAML reader, made on first use: a run on files in our own format never needs one. */
  private static final class Yaml {
    static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());
  }

  private static final Set<String> TOP_KEYS = Set.of("version", "timezone", "sources", "quality");
  private static final Set<String> SOURCE_KEYS =
      Set.of(
          "files",
          "jdbc",
          "csv",
          "timezone",
          "fields",
          "cancellation",
          "exclude",
          "attributes",
          "duplicates",
          "zero_amount");
  private static final Set<String> CSV_KEYS =
      Set.of("delimiter", "quote", "encoding", "header", "columns");
  private static final Set<String> JDBC_KEYS = Set.of("url", "user", "password_env", "query");
  private static final Set<String> FIELD_KEYS =
      Set.of("column", "expression", "constant", "format", "id_format");

  public SourceMapping {
    file = java.util.Objects.requireNonNull(file, "file");
    sources = List.copyOf(sources);
    if (sources.stream().noneMatch(source -> source.kind() == SourceKind.ORDERS)) {
      throw TierwiseException.invalidConfig(
          where(file)
              + "sources: an 'orders' source is required (customers, events and surveys"
              + " are optional)");
    }
  }

  /** The files this mapping reads, in reading order (database sources have none). */
  public List<Path> inputFiles() {
    List<Path> files = new ArrayList<>();
    for (SourceSpec spec : sources) {
      if (spec.location() instanceof SourceLocation.Files location) {
        files.addAll(FileRowSource.expand(location));
      }
    }
    return files;
  }

  /** The same mapping with only the orders source: for commands that read purchases alone. */
  public SourceMapping ordersOnly() {
    return new SourceMapping(
        file, sources.stream().filter(source -> source.kind() == SourceKind.ORDERS).toList());
  }

  public Optional<SourceSpec> source(SourceKind kind) {
    return sources.stream().filter(source -> source.kind() == kind).findFirst();
  }

  /** Loads and validates a mapping file; relative paths in it are relative to the file. */
  public static SourceMapping load(Path mappingFile) {
    JsonNode root;
    try {
      root = Yaml.MAPPER.readTree(Files.readString(mappingFile, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw TierwiseException.invalidInput("mapping file not found: " + mappingFile);
    } catch (JsonProcessingException e) {
      throw TierwiseException.invalidConfig(
          mappingFile
              + ": not valid YAML at line "
              + e.getLocation().getLineNr()
              + ": "
              + e.getOriginalMessage());
    } catch (IOException e) {
      throw TierwiseException.invalidInput("cannot read mapping file " + mappingFile + ": " + e);
    }
    if (root == null || !root.isObject()) {
      throw TierwiseException.invalidConfig(
          mappingFile + ": expected a YAML mapping with a 'sources' key");
    }
    Path base = mappingFile.toAbsolutePath().getParent();
    return parse(root, base, Optional.of(mappingFile));
  }

  static SourceMapping parse(JsonNode root, Path base, Optional<Path> file) {
    String at = where(file);
    Suggestions.requireKnownKeys(root, TOP_KEYS, at);
    JsonNode version = root.path("version");
    if (!version.isMissingNode() && version.asInt(-1) != 1) {
      throw TierwiseException.invalidConfig(at + "version: expected 1, got " + version);
    }
    ZoneId defaultZone = zone(root.path("timezone"), at + "timezone", ZoneOffset.UTC);
    JsonNode sourcesNode = root.path("sources");
    if (!sourcesNode.isObject() || sourcesNode.isEmpty()) {
      throw TierwiseException.invalidConfig(
          at
              + "sources: expected a map with at least 'orders' (and optionally customers,"
              + " events, surveys)");
    }
    List<SourceSpec> specs = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> entries = sourcesNode.properties().iterator();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      String key = "sources." + entry.getKey();
      SourceKind kind =
          SourceKind.fromKey(entry.getKey())
              .orElseThrow(
                  () ->
                      TierwiseException.invalidConfig(
                          at
                              + key
                              + ": unknown source; expected one of customers, orders, events,"
                              + " surveys"));
      specs.add(parseSource(kind, entry.getValue(), base, defaultZone, at, key));
    }
    return new SourceMapping(file, specs);
  }

  private static SourceSpec parseSource(
      SourceKind kind, JsonNode node, Path base, ZoneId defaultZone, String at, String key) {
    if (!node.isObject()) {
      throw TierwiseException.invalidConfig(
          at + key + ": expected a map with 'files' and 'fields'");
    }
    Suggestions.requireKnownKeys(node, SOURCE_KEYS, at + key + ".");
    SourceLocation location = location(node, base, at, key);
    CsvFormat format = csvFormat(node.path("csv"), at, key + ".csv");
    ZoneId zone = zone(node.path("timezone"), at + key + ".timezone", defaultZone);
    Map<Field, FieldSpec> fields = fields(kind, node.path("fields"), at, key + ".fields");
    Optional<String> cancellation = text(node.path("cancellation"), at, key + ".cancellation");
    if (cancellation.isPresent() && kind != SourceKind.ORDERS) {
      throw TierwiseException.invalidConfig(
          at + key + ".cancellation: only orders can have a cancellation rule");
    }
    Optional<String> exclude = text(node.path("exclude"), at, key + ".exclude");
    List<String> attributes = attributes(node.path("attributes"), at, key + ".attributes");
    SourceSpec.DuplicatePolicy duplicates =
        switch (text(node.path("duplicates"), at, key + ".duplicates").orElse("keep")) {
          case "keep" -> SourceSpec.DuplicatePolicy.KEEP;
          case "reject" -> SourceSpec.DuplicatePolicy.REJECT;
          default ->
              throw TierwiseException.invalidConfig(
                  at + key + ".duplicates: expected 'keep' or 'reject'");
        };
    boolean zeroAmounts =
        switch (text(node.path("zero_amount"), at, key + ".zero_amount").orElse("reject")) {
          case "reject" -> false;
          case "accept" -> true;
          default ->
              throw TierwiseException.invalidConfig(
                  at + key + ".zero_amount: expected 'accept' or 'reject'");
        };
    return new SourceSpec(
        kind,
        location,
        format,
        zone,
        fields,
        cancellation,
        exclude,
        attributes,
        duplicates,
        zeroAmounts);
  }

  private static SourceLocation location(JsonNode node, Path base, String at, String key) {
    JsonNode files = node.path("files");
    JsonNode jdbc = node.path("jdbc");
    if (!files.isMissingNode() && !jdbc.isMissingNode()) {
      throw TierwiseException.invalidConfig(at + key + ": give either 'files' or 'jdbc', not both");
    }
    if (!jdbc.isMissingNode()) {
      if (!jdbc.isObject()) {
        throw TierwiseException.invalidConfig(
            at + key + ".jdbc: expected a map with 'url' and 'query'");
      }
      Suggestions.requireKnownKeys(jdbc, JDBC_KEYS, at + key + ".jdbc.");
      String url =
          text(jdbc.path("url"), at, key + ".jdbc.url")
              .orElseThrow(() -> missing(at, key + ".jdbc.url", "a JDBC URL"));
      String query =
          text(jdbc.path("query"), at, key + ".jdbc.query")
              .orElseThrow(() -> missing(at, key + ".jdbc.query", "a SQL query"));
      return new SourceLocation.Jdbc(
          url,
          text(jdbc.path("user"), at, key + ".jdbc.user"),
          text(jdbc.path("password_env"), at, key + ".jdbc.password_env"),
          query);
    }
    List<String> patterns = new ArrayList<>();
    if (files.isTextual()) {
      patterns.add(files.asText());
    } else if (files.isArray() && !files.isEmpty()) {
      for (JsonNode pattern : files) {
        if (!pattern.isTextual()) {
          throw TierwiseException.invalidConfig(
              at + key + ".files: expected file names or globs, got " + pattern);
        }
        patterns.add(pattern.asText());
      }
    } else {
      throw missing(at, key + ".files", "a file name, a glob such as by-day/*.csv.gz, or a list");
    }
    return new SourceLocation.Files(base, patterns);
  }

  private static CsvFormat csvFormat(JsonNode node, String at, String key) {
    if (node.isMissingNode()) {
      return CsvFormat.DEFAULT;
    }
    if (!node.isObject()) {
      throw TierwiseException.invalidConfig(at + key + ": expected a map");
    }
    Suggestions.requireKnownKeys(node, CSV_KEYS, at + key + ".");
    char delimiter = ',';
    Optional<String> delimiterText = text(node.path("delimiter"), at, key + ".delimiter");
    if (delimiterText.isPresent()) {
      String value = delimiterText.get();
      if (value.equals("whitespace")) {
        delimiter = CsvFormat.WHITESPACE;
      } else if (value.equals("\\t") || value.equals("tab")) {
        delimiter = '\t';
      } else if (value.length() == 1) {
        delimiter = value.charAt(0);
      } else {
        throw TierwiseException.invalidConfig(
            at
                + key
                + ".delimiter: expected one character, 'tab' or 'whitespace', got '"
                + value
                + "'");
      }
    }
    char quote = '"';
    Optional<String> quoteText = text(node.path("quote"), at, key + ".quote");
    if (quoteText.isPresent()) {
      if (quoteText.get().length() != 1) {
        throw TierwiseException.invalidConfig(
            at + key + ".quote: expected one character, got '" + quoteText.get() + "'");
      }
      quote = quoteText.get().charAt(0);
    }
    Charset encoding = StandardCharsets.UTF_8;
    Optional<String> encodingText = text(node.path("encoding"), at, key + ".encoding");
    if (encodingText.isPresent()) {
      try {
        encoding = Charset.forName(encodingText.get());
      } catch (IllegalArgumentException e) {
        throw TierwiseException.invalidConfig(
            at
                + key
                + ".encoding: unknown character set '"
                + encodingText.get()
                + "' (e.g. UTF-8, ISO-8859-1, windows-1252, GB18030)");
      }
    }
    boolean header = true;
    JsonNode headerNode = node.path("header");
    if (!headerNode.isMissingNode()) {
      if (!headerNode.isBoolean()) {
        throw TierwiseException.invalidConfig(at + key + ".header: expected true or false");
      }
      header = headerNode.asBoolean();
    }
    List<String> columns = new ArrayList<>();
    JsonNode columnsNode = node.path("columns");
    if (!columnsNode.isMissingNode()) {
      if (!columnsNode.isArray()) {
        throw TierwiseException.invalidConfig(at + key + ".columns: expected a list of names");
      }
      columnsNode.forEach(column -> columns.add(column.asText()));
    }
    try {
      return new CsvFormat(delimiter, quote, encoding, header, columns);
    } catch (TierwiseException e) {
      throw TierwiseException.invalidConfig(at + key.replace(".csv", "") + "." + e.getMessage());
    }
  }

  private static Map<Field, FieldSpec> fields(
      SourceKind kind, JsonNode node, String at, String key) {
    Map<Field, FieldSpec> fields = new EnumMap<>(Field.class);
    if (node.isMissingNode()) {
      return fields;
    }
    if (!node.isObject()) {
      throw TierwiseException.invalidConfig(
          at + key + ": expected a map from our field names to your columns");
    }
    Iterator<Map.Entry<String, JsonNode>> entries = node.properties().iterator();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      String fieldKey = key + "." + entry.getKey();
      Field field =
          Field.of(kind, entry.getKey())
              .orElseThrow(
                  () ->
                      TierwiseException.invalidConfig(
                          at
                              + fieldKey
                              + ": unknown field for "
                              + kind.key()
                              + Suggestions.didYouMean(
                                  entry.getKey(),
                                  kind.fields().stream().map(Field::column).toList())
                              + "; expected one of "
                              + String.join(
                                  ", ", kind.fields().stream().map(Field::column).toList())));
      fields.put(field, fieldSpec(field, entry.getValue(), at, fieldKey));
    }
    return fields;
  }

  private static FieldSpec fieldSpec(Field field, JsonNode node, String at, String key) {
    if (node.isTextual()) {
      return FieldSpec.FromColumn.of(node.asText());
    }
    if (!node.isObject()) {
      throw TierwiseException.invalidConfig(
          at + key + ": expected a column name or a map with 'column', 'expression' or 'constant'");
    }
    Suggestions.requireKnownKeys(node, FIELD_KEYS, at + key + ".");
    Optional<String> column = text(node.path("column"), at, key + ".column");
    Optional<String> expression = text(node.path("expression"), at, key + ".expression");
    Optional<String> constant = text(node.path("constant"), at, key + ".constant");
    Optional<String> format = text(node.path("format"), at, key + ".format");
    Optional<String> idFormat = text(node.path("id_format"), at, key + ".id_format");
    int given =
        (column.isPresent() ? 1 : 0)
            + (expression.isPresent() ? 1 : 0)
            + (constant.isPresent() ? 1 : 0);
    if (given != 1) {
      throw TierwiseException.invalidConfig(
          at + key + ": give exactly one of 'column', 'expression' or 'constant'");
    }
    if (format.isPresent()) {
      if (field.type() != Field.Type.DATE) {
        throw TierwiseException.invalidConfig(
            at + key + ".format: only date and timestamp fields take a format");
      }
      try {
        DateTimeFormatter.ofPattern(format.get());
      } catch (IllegalArgumentException e) {
        throw TierwiseException.invalidConfig(
            at
                + key
                + ".format: not a valid date pattern '"
                + format.get()
                + "' (e.g. yyyy-MM-dd HH:mm:ss, dd/MM/yyyy, yyyyMMdd): "
                + e.getMessage());
      }
    }
    boolean integerId = false;
    if (idFormat.isPresent()) {
      if (!idFormat.get().equals("integer") && !idFormat.get().equals("text")) {
        throw TierwiseException.invalidConfig(
            at + key + ".id_format: expected 'integer' (reads 17850.0 as 17850) or 'text'");
      }
      if (field.type() != Field.Type.ID) {
        throw TierwiseException.invalidConfig(at + key + ".id_format: only customer_id takes it");
      }
      integerId = idFormat.get().equals("integer");
    }
    if (column.isPresent()) {
      return new FieldSpec.FromColumn(column.get(), format, integerId);
    }
    if (expression.isPresent()) {
      return new FieldSpec.FromExpression(expression.get(), format);
    }
    return new FieldSpec.Constant(constant.orElseThrow());
  }

  private static List<String> attributes(JsonNode node, String at, String key) {
    if (node.isMissingNode()) {
      return List.of();
    }
    if (node.isTextual() && node.asText().equals("all")) {
      return List.of("*");
    }
    if (!node.isArray()) {
      throw TierwiseException.invalidConfig(
          at + key + ": expected a list of column names, or 'all'");
    }
    List<String> names = new ArrayList<>();
    node.forEach(name -> names.add(name.asText()));
    return names;
  }

  private static ZoneId zone(JsonNode node, String key, ZoneId fallback) {
    if (node.isMissingNode()) {
      return fallback;
    }
    try {
      return ZoneId.of(node.asText());
    } catch (DateTimeException e) {
      throw TierwiseException.invalidConfig(
          key
              + ": unknown time zone '"
              + node.asText()
              + "' (e.g. UTC, Europe/London, Asia/Shanghai)");
    }
  }

  private static Optional<String> text(JsonNode node, String at, String key) {
    if (node.isMissingNode() || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isValueNode()) {
      throw TierwiseException.invalidConfig(at + key + ": expected a single value, got " + node);
    }
    return Optional.of(node.asText());
  }

  private static TierwiseException missing(String at, String key, String expected) {
    return TierwiseException.invalidConfig(at + key + ": missing; expected " + expected);
  }

  private static String where(Optional<Path> file) {
    return file.map(path -> path + ": ").orElse("");
  }

  /** The mapping for a directory in our own format (docs/data-format.md). */
  public static SourceMapping ownFormat(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw TierwiseException.invalidInput("data directory not found: " + directory);
    }
    List<SourceSpec> specs = new ArrayList<>();
    for (SourceKind kind : SourceKind.values()) {
      Optional<String> fileName = ownFile(directory, kind);
      if (fileName.isEmpty()) {
        if (kind == SourceKind.ORDERS) {
          throw TierwiseException.invalidInput(
              "no orders.csv or orders.csv.gz in "
                  + directory
                  + " (expected our format, docs/data-format.md; use --mapping for other files)");
        }
        continue;
      }
      Map<Field, FieldSpec> fields = new EnumMap<>(Field.class);
      // Optional columns are bound only if present; OwnFormat marks them as such.
      for (Field field : kind.fields()) {
        fields.put(field, FieldSpec.FromColumn.of(field.column()));
      }
      specs.add(
          new SourceSpec(
              kind,
              new SourceLocation.Files(directory.toAbsolutePath(), List.of(fileName.get())),
              CsvFormat.DEFAULT,
              ZoneOffset.UTC,
              fields,
              Optional.empty(),
              Optional.empty(),
              kind == SourceKind.CUSTOMERS ? List.of("*") : List.of(),
              SourceSpec.DuplicatePolicy.KEEP,
              false));
    }
    return new SourceMapping(Optional.empty(), specs);
  }

  private static Optional<String> ownFile(Path directory, SourceKind kind) {
    for (String suffix : List.of(".csv", ".csv.gz")) {
      if (Files.isRegularFile(directory.resolve(kind.key() + suffix))) {
        return Optional.of(kind.key() + suffix);
      }
    }
    return Optional.empty();
  }
}
