import { describe, expect, it } from 'vitest';
import {
  authorizationHeader,
  parseAuthorizationHeader,
  percentEncode,
  sign,
  signatureBaseString,
} from '../../functions/adapters/x-oauth1';

// Published worked examples of X's (then Twitter's) OAuth 1.0a documentation.
const updateExample = {
  url: new URL('https://api.twitter.com/1/statuses/update.json?include_entities=true'),
  form: [['status', 'Hello Ladies + Gentlemen, a signed OAuth request!']] as [string, string][],
  oauth: {
    oauth_consumer_key: 'xvz1evFS4wEEPTGEFPHBog',
    oauth_nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg',
    oauth_signature_method: 'HMAC-SHA1',
    oauth_timestamp: '1318622958',
    oauth_token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
    oauth_version: '1.0',
  },
  consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
  tokenSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
};

describe('OAuth 1.0a signing for X', () => {
  it('builds the signature base string of the documented example', () => {
    expect(signatureBaseString('POST', updateExample.url, updateExample.oauth, updateExample.form)).toBe(
      'POST&https%3A%2F%2Fapi.twitter.com%2F1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958%26oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521',
    );
  });

  it('gives the documented signature for the status update example', () => {
    const base = signatureBaseString('POST', updateExample.url, updateExample.oauth, updateExample.form);
    expect(sign(base, updateExample.consumerSecret, updateExample.tokenSecret)).toBe(
      'tnnArxj06cWHq44gCs1OSKk/jLY=',
    );
  });

  it('gives the documented signatures for the request-token and access-token steps', () => {
    const consumerSecret = 'MCD8BKwGdgPHvAuvgvz4EQpqDAtx89grbuNMRd7Eh98';
    const request = signatureBaseString('POST', new URL('https://api.twitter.com/oauth/request_token'), {
      oauth_callback: 'http://localhost:3005/the_dance/process_callback?service_provider_id=11',
      oauth_consumer_key: 'GDdmIQH6jhtmLUypg82g',
      oauth_nonce: 'QP70eNmVz8jvdPevU3oJD2AfF7R7odC2XJcn4XlZJqk',
      oauth_signature_method: 'HMAC-SHA1',
      oauth_timestamp: '1272323042',
      oauth_version: '1.0',
    });
    expect(sign(request, consumerSecret, '')).toBe('8wUi7m5HFQy76nowoCThusfgB+Q=');
    const access = signatureBaseString('POST', new URL('https://api.twitter.com/oauth/access_token'), {
      oauth_consumer_key: 'GDdmIQH6jhtmLUypg82g',
      oauth_nonce: '9zWH6qe0qG7Lc1telCn7FhUbLyVdjEaL3MO5uHxn8',
      oauth_signature_method: 'HMAC-SHA1',
      oauth_token: '8ldIZyxQeVrFZXFOZH5tAwj6vzJYuLQpl0WUEYtWc',
      oauth_timestamp: '1272323047',
      oauth_verifier: 'pDNg57prOHapMbhv25RNf75lVRd6JDsni1AJJIDYoTY',
      oauth_version: '1.0',
    });
    expect(sign(access, consumerSecret, 'x6qpRnlEmW9JbQn4PQVVeVG8ZLPEx6A0TOebgwcuA')).toBe(
      'PUw/dHA4fnlJYM6RhXk5IU/0fCc=',
    );
  });

  it('normalises the RFC 5849 example: repeated keys, empty values, encoded names, + in a form body', () => {
    // RFC 5849, section 3.4.1.1. The realm is not signed.
    const url = new URL('http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b');
    const base = signatureBaseString(
      'POST',
      url,
      {
        realm: 'Example',
        oauth_consumer_key: '9djdj82h48djs9d2',
        oauth_token: 'kkk9d7dh3k39sjv7',
        oauth_signature_method: 'HMAC-SHA1',
        oauth_timestamp: '137131201',
        oauth_nonce: '7d8f3e4a',
        oauth_signature: 'bYT5CMsGcbgUdFHObYMEfcx6bsw=',
      },
      [...new URLSearchParams('c2&a3=2+q').entries()],
    );
    expect(base).toBe(
      'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7',
    );
  });

  it('signs the scheme, host and path of the URL, with a port only when it is not the default', () => {
    const oauth = { oauth_nonce: 'n' };
    expect(signatureBaseString('GET', new URL('HTTP://EXAMPLE.COM:80/r%20v/X?id=123'), oauth)).toMatch(
      /^GET&http%3A%2F%2Fexample\.com%2Fr%2520v%2FX&/,
    );
    expect(signatureBaseString('GET', new URL('https://www.example.net:8080/?q=1'), oauth)).toMatch(
      /^GET&https%3A%2F%2Fwww\.example\.net%3A8080%2F&/,
    );
  });

  it('percent-encodes as RFC 3986 asks, including the characters encodeURIComponent leaves', () => {
    expect(percentEncode("Ladies + Gentlemen!*'()~-._")).toBe('Ladies%20%2B%20Gentlemen%21%2A%27%28%29~-._');
    expect(percentEncode('☃')).toBe('%E2%98%83');
  });

  it('signs the query of a v2 call; the header reads back', () => {
    const credentials = {
      consumerKey: updateExample.oauth.oauth_consumer_key,
      consumerSecret: updateExample.consumerSecret,
      token: updateExample.oauth.oauth_token,
      tokenSecret: updateExample.tokenSecret,
    };
    const url = new URL('https://api.x.com:443/2/media/upload?command=STATUS&media_id=123');
    const header = authorizationHeader('GET', url, credentials, { nonce: 'abc', timestamp: 1_700_000_000 });
    const params = parseAuthorizationHeader(header);
    expect(params).toMatchObject({
      oauth_consumer_key: credentials.consumerKey,
      oauth_nonce: 'abc',
      oauth_timestamp: '1700000000',
      oauth_token: credentials.token,
      oauth_signature_method: 'HMAC-SHA1',
      oauth_version: '1.0',
    });
    const base = signatureBaseString('GET', url, params ?? {});
    expect(
      base.startsWith('GET&https%3A%2F%2Fapi.x.com%2F2%2Fmedia%2Fupload&command%3DSTATUS%26media_id%3D123'),
    ).toBe(true);
    expect(params?.oauth_signature).toBe(sign(base, credentials.consumerSecret, credentials.tokenSecret));
    // Any change to the query changes the signature.
    const other = signatureBaseString(
      'GET',
      new URL('https://api.x.com/2/media/upload?command=STATUS&media_id=124'),
      params ?? {},
    );
    expect(sign(other, credentials.consumerSecret, credentials.tokenSecret)).not.toBe(
      params?.oauth_signature,
    );
  });

  it('refuses headers that are not OAuth', () => {
    expect(parseAuthorizationHeader('Bearer abc')).toBeUndefined();
    expect(parseAuthorizationHeader('OAuth oauth_nonce="%E0%A4%A"')).toBeUndefined();
  });
});
