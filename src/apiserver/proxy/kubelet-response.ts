/**
 * A kubelet's non-2xx answer as the API server's error, as
 * k8s.io/apiserver/pkg/registry/generic/rest/response_checker.go maps it: 500 → InternalError,
 * 400 → BadRequest with the kubelet's text, anything else a generic response naming the
 * subresource and the object.
 */
import { StatusError } from '../../api/errors.ts';

const MAX = 4 * 1024;

export function kubeletError(code: number, body: string, resource: string, name: string): StatusError {
  const text = body.slice(0, MAX);
  if (code === 500) return new StatusError({ code: 500, reason: 'InternalError', message: `Internal error occurred: ${text}`, details: { causes: [{ message: text }] } });
  if (code === 400) return new StatusError({ code: 400, reason: 'BadRequest', message: text });
  const [reason, what] = GENERIC[code] ?? ['', `the server responded with the status code ${code} but did not return more information`];
  return new StatusError({
    code, reason: reason as 'NotFound', message: `${what} ( ${resource} ${name})`,
    details: { name, kind: resource, causes: [{ reason: 'UnexpectedServerResponse', message: text }] },
  });
}

const GENERIC: Record<number, [string, string]> = {
  401: ['Unauthorized', 'the server has asked for the client to provide credentials'],
  403: ['Forbidden', 'the server does not allow access to the requested resource'],
  404: ['NotFound', 'the server could not find the requested resource'],
  405: ['MethodNotAllowed', 'the server does not allow this method on the requested resource'],
  422: ['Invalid', 'the server rejected our request due to an error in our request'],
  501: ['', 'the server responded with the status code 501 but did not return more information'],
  503: ['ServiceUnavailable', 'the server is currently unable to handle the request'],
};
