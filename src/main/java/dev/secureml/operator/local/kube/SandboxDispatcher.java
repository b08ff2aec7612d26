package dev.secureml.operator.local.kube;

import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Map;
import java.util.Queue;

/**
 * The embedded API server's request handling: Fabric8's CRUD mock plus the fixes real clients
 * need. This is the class where kubectl support (discovery, tables, HTTP watch) grows.
 */
public class SandboxDispatcher extends KubernetesMixedDispatcher {
  private final WriteCounter writes = new WriteCounter();

  public SandboxDispatcher(Map<ServerRequest, Queue<ServerResponse>> responses) {
    super(responses);
  }

  /** Every write this server received, by method and resource. */
  public WriteCounter writes() {
    return writes;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    writes.count(request.getMethod(), request.getPath());
    if ("POST".equals(request.getMethod())) {
      // getBytes leaves the body for the mock to read.
      var refusal = CreateValidation.check(request.getPath(),
          request.getBody() == null ? null : request.getBody().getBytes());
      if (refusal.isPresent()) {
        return new MockResponse().setResponseCode(refusal.get().code())
            .addHeader("Content-Type: application/json")
            .setBody(refusal.get().body());
      }
    }
    return super.dispatch(request);
  }
}
