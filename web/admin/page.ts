/**
 * The console's HTML shell, the same locally (/admin) and deployed
 * (admin/index.html on S3). Assets and /config.json are loaded from the site
 * root, so the shell works at /admin, /admin/ and /admin/index.html.
 */
export function consolePageHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Comment moderation</title>
<link rel="stylesheet" href="/assets/admin.css">
<script src="/assets/admin.js" defer></script>
</head>
<body>
<div class="console">
<header class="console-header">
<h1 id="console-title">Comment moderation</h1>
</header>
<main id="console" class="console-main">
<noscript><p>The moderation console needs JavaScript.</p></noscript>
</main>
</div>
</body>
</html>
`;
}
