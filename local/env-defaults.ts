// Imported first by local entry points, before any AWS SDK module loads: the SDK reads this at load time.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
