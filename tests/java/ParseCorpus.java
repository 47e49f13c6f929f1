// The corpus read by a Java client generated from the spec (openapi-generator's `java`, library native,
// openApiNullable=false): each entry deserialized by the generated models through the generated client's own
// ObjectMapper, then serialized back. tests/test_corpus.py compiles this with the generated sources and compares
// what it prints with the corpus. Usage: java ParseCorpus KIND=FILE ...   (KIND: order, orders or server-time)
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openapitools.client.ApiClient;
import org.openapitools.client.model.Order;
import org.openapitools.client.model.ServerTime;

public final class ParseCorpus {
  public static void main(String[] args) throws Exception {
    ObjectMapper mapper = ApiClient.createDefaultObjectMapper();
    Map<String, Object> written = new LinkedHashMap<>();
    for (String argument : args) {
      String[] parts = argument.split("=", 2);
      String text = Files.readString(Path.of(parts[1]));
      Object parsed = switch (parts[0]) {
        case "order" -> mapper.readValue(text, Order.class);
        case "orders" -> mapper.readValue(text, new TypeReference<List<Order>>() {});
        case "server-time" -> mapper.readValue(text, ServerTime.class);
        default -> throw new IllegalArgumentException("not KIND=FILE: " + argument);
      };
      String name = Path.of(parts[1]).getFileName().toString().replaceFirst("\\.json$", "");
      written.put(name, mapper.readTree(mapper.writeValueAsString(parsed)));
    }
    System.out.print(mapper.writeValueAsString(written));
  }
}
