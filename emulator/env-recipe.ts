/**
 * The environment that points the real, unmodified wx-server-sdk at a local emulator
 * (reference/cloudbase-wire.md §1). Every value is needed:
 * - dummy secrets, or node-sdk crashes the process from an unawaited promise;
 * - TENCENTCLOUD_RUNENV=SCF, or node-sdk probes metadata.tencentyun.com (traffic leaving the machine);
 * - TENCENTCLOUD_REGION, or every call logs an error.
 */
export function sdkEnv(adminUrl: string, envId: string): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: adminUrl }),
    TENCENTCLOUD_SECRETID: 'local',
    TENCENTCLOUD_SECRETKEY: 'local',
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    SCF_NAMESPACE: envId,
    TCB_ENV: envId,
    TCB_CONTEXT_KEYS: 'TCB_ENV,TCB_SEQID,TCB_SOURCE,TCB_TRACELOG',
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_CLIENTIPV6,WX_API_TOKEN',
    SILENCE: 'true',
  }
}

/** Shell form of the recipe, for the README and `npm run emulator` output. */
export function sdkEnvShell(adminUrl: string, envId: string): string {
  return Object.entries(sdkEnv(adminUrl, envId))
    .map(([k, v]) => `export ${k}='${v}'`)
    .join('\n')
}
