package com.duesline.telephony.local;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.MalformedURLException;
import java.net.URL;

/**
 * The Twilio SDK's own HTTP client with the API host swapped for the local carrier's loopback
 * address. The SDK builds, authenticates, serialises and parses every request exactly as it does
 * against Twilio; only the destination changes, so the production adapter runs unmodified.
 */
public final class LocalApiHttpClient extends NetworkHttpClient {
  private final String baseUrl;

  /**
   * @param baseUrl the local carrier's REST base, e.g. {@code http://127.0.0.1:8099}
   */
  public LocalApiHttpClient(String baseUrl) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  @Override
  public Response makeRequest(Request request) {
    String path;
    try {
      path = new URL(request.getUrl()).getPath();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("SDK produced an unparsable URL: " + request.getUrl(), e);
    }
    Request local = new Request(request.getMethod(), baseUrl + path);
    request.getQueryParams().forEach((k, vs) -> vs.forEach(v -> local.addQueryParam(k, v)));
    request.getPostParams().forEach((k, vs) -> vs.forEach(v -> local.addPostParam(k, v)));
    request.getHeaderParams().forEach((k, vs) -> vs.forEach(v -> local.addHeaderParam(k, v)));
    if (request.getAuthStrategy() != null) local.setAuth(request.getAuthStrategy());
    else if (request.getUsername() != null)
      local.setAuth(request.getUsername(), request.getPassword());
    if (request.getContentType() != null) local.setContentType(request.getContentType());
    if (request.getBody() != null) local.setBody(request.getBody());
    return super.makeRequest(local);
  }
}
