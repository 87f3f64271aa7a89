// A real OpenID Connect provider standing in for eGov in Qatysu's tests: `oidc-provider` with
// its development login and consent pages (any password is accepted for a known login).
//
//   PORT=4455 OIDC_CLIENT_ID=qatysu OIDC_CLIENT_SECRET=… \
//   OIDC_REDIRECT_URI=http://127.0.0.1:8080/login/oidc/callback \
//   OIDC_IIN_CLAIM=iin OIDC_ACCOUNTS='{"aigul":{"iin":"…","name":"Айгүл"}}' node provider.js
//
// OIDC_ACCOUNTS maps a login to its claims; the IIN goes out under OIDC_IIN_CLAIM, in the ID
// token itself (as eGov would send it), with the `name` claim. A login listed without an
// `iin` gets none; one with a wrong IIN gets it as given.
import Provider from 'oidc-provider';

const need = (name) => {
  const v = process.env[name];
  if (!v) {
    console.error(`provider.js: ${name} is not set`);
    process.exit(2);
  }
  return v;
};

const port = Number(need('PORT'));
const issuer = `http://127.0.0.1:${port}`;
const iinClaim = process.env.OIDC_IIN_CLAIM || 'iin';
const accounts = JSON.parse(process.env.OIDC_ACCOUNTS || '{}');

const configuration = {
  clients: [
    {
      client_id: need('OIDC_CLIENT_ID'),
      client_secret: need('OIDC_CLIENT_SECRET'),
      redirect_uris: [need('OIDC_REDIRECT_URI')],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  claims: { openid: ['sub'], profile: ['name', iinClaim] },
  // Profile claims (the IIN among them) go into the ID token, not only to userinfo.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['qatysu-test-provider-cookie-key'] },
  async findAccount(ctx, id) {
    const a = accounts[id];
    if (!a) return undefined;
    return {
      accountId: id,
      async claims() {
        const claims = { sub: id };
        if (a.name) claims.name = a.name;
        if (a.iin !== undefined) claims[iinClaim] = a.iin;
        return claims;
      },
    };
  },
};

const provider = new Provider(issuer, configuration);
provider.on('server_error', (ctx, err) => console.error('provider server_error', err));
provider.listen(port, '127.0.0.1', () => {
  console.log(`oidc-provider ready at ${issuer}`);
});
