/**
 * The protobuf envelope of `wx.openApi` (wx-server-sdk's CommApiData request and
 * CommOpenApiResp reply; field numbers as in the SDK's generated code).
 */
import protobuf from 'protobufjs';

const PROTO = `
syntax = "proto3";
message KeyValuePair { string key = 1; bytes value = 2; string contenttype = 3; string filename = 4; }
message OpenApiData { repeated KeyValuePair pairs = 1; }
message SvrkitApiData { string apiName = 1; bytes reqData = 2; }
message TokenApiData { string resourceAppid = 1; string resourceEnv = 2; }
message CommApiData {
  int32 apiType = 1;
  OpenApiData openapiData = 2;
  SvrkitApiData svrkitData = 4;
  TokenApiData tokenData = 5;
  string appid = 6;
}
message HttpHeader { string key = 1; string value = 2; }
message CommOpenApiResp {
  bytes respData = 1;
  string contentType = 2;
  int32 errorCode = 3;
  uint32 httpCode = 4;
  repeated HttpHeader headers = 5;
  int32 svrkitErrorCode = 6;
}
`;

const root = protobuf.parse(PROTO, { keepCase: true }).root;
const CommApiData = root.lookupType('CommApiData');
const CommOpenApiResp = root.lookupType('CommOpenApiResp');

interface DecodedPair {
  key: string;
  value: Uint8Array;
  contenttype?: string;
  filename?: string;
}

interface DecodedApiData {
  apiType?: number;
  openapiData?: { pairs?: DecodedPair[] };
  svrkitData?: { apiName?: string; reqData?: Uint8Array };
  appid?: string;
}

/** A file sent as a parameter (e.g. media for a content check). */
export interface FileParam {
  file: { contentType?: string; filename?: string; size: number };
}

/** The request's parameters, keys as sent (snake_case), JSON values parsed. */
export function decodeRequest(bytes: Buffer): Record<string, unknown> {
  const msg = CommApiData.toObject(CommApiData.decode(bytes), { defaults: false }) as DecodedApiData;
  const params: Record<string, unknown> = {};
  for (const p of msg.openapiData?.pairs ?? []) {
    const buf = Buffer.from(p.value ?? []);
    if (p.contenttype || p.filename) {
      const f: FileParam = { file: { contentType: p.contenttype, filename: p.filename, size: buf.length } };
      params[p.key] = f;
      continue;
    }
    const text = buf.toString('utf8');
    try {
      params[p.key] = JSON.parse(text) as unknown;
    } catch {
      params[p.key] = text;
    }
  }
  if (msg.svrkitData?.reqData) {
    try {
      Object.assign(params, JSON.parse(Buffer.from(msg.svrkitData.reqData).toString('utf8')) as Record<string, unknown>);
    } catch {
      /* opaque payload */
    }
  }
  return params;
}

export function encodeResponse(body: Buffer, contentType: string): Buffer {
  const msg = CommOpenApiResp.create({ respData: body, contentType, errorCode: 0, httpCode: 200 });
  return Buffer.from(CommOpenApiResp.encode(msg).finish());
}
