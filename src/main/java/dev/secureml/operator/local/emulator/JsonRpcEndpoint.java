package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.Optional;

/**
 * The JSON 1.1 protocol around one service: parse, inject faults, invoke, lose the answer of a
 * carried-out create now and then, render the answer or the error, and journal the exchange.
 */
final class JsonRpcEndpoint {
  private final String serviceName;
  private final JsonRpcService service;
  private final FaultInjector faults;
  private final Journal journal;
  private final Clock clock;

  JsonRpcEndpoint(String serviceName, JsonRpcService service, FaultInjector faults,
      Journal journal, Clock clock) {
    this.serviceName = serviceName;
    this.service = service;
    this.faults = faults;
    this.journal = journal;
    this.clock = clock;
  }

  HttpReply handle(String operation, byte[] body, String requestId) {
    JsonNode request = null;
    HttpReply reply;
    String errorCode = null;
    try {
      request = Json.parse(body);
      faults.delay(serviceName);
      Optional<AwsServiceException> fault = faults.nextFault(serviceName);
      if (fault.isPresent()) {
        throw fault.get();
      }
      JsonNode response = service.invoke(operation, request);
      Optional<AwsServiceException> lost = faults.lostAnswers().afterCommit(serviceName,
          operation);
      if (lost.isPresent()) {
        throw lost.get(); // the work is done; only its answer is lost
      }
      reply = HttpReply.json(200, Json.write(response)).withHeader("x-amzn-RequestId", requestId);
    } catch (AwsServiceException e) {
      faults.lostAnswers().answered(serviceName, operation, e);
      errorCode = e.code();
      reply = AwsErrorResponse.json(e, requestId);
    } catch (RuntimeException e) {
      // A bug in the emulator must still look like an AWS fault, not a dropped connection.
      AwsServiceException failure = new AwsServiceException("InternalFailure",
          "Emulator error: " + e, 500);
      errorCode = failure.code();
      reply = AwsErrorResponse.json(failure, requestId);
    }
    journal.record(new JournalEntry(clock.instant(), serviceName, operation, request,
        reply.status(), errorCode));
    return reply;
  }
}
