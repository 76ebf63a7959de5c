<?xml version="1.0" encoding="UTF-8"?>
<!--
  What a browser shows of the RSS feeds (feed_rss_created.xml, feed_rss_updated.xml): the
  channel and each essay, our words in English and Chinese. mkdocs.yml points the rss plugin
  at it (`stylesheet: rss.xsl`) instead of the plugin's own, whose words are partly French.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" encoding="UTF-8" indent="yes"/>
  <xsl:template match="/">
    <html lang="en">
      <head>
        <meta charset="UTF-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1.0"/>
        <title><xsl:value-of select="rss/channel/title"/> · RSS</title>
        <style>
          body { max-width: 46rem; margin: 0 auto; padding: 1.2rem 1rem; color: #1f2328;
                 font: 16px/1.6 system-ui, sans-serif; }
          header { border-bottom: 1px solid #d0d7de; margin-bottom: 1.5rem; }
          h1 { font-size: 1.6rem; margin: 0 0 0.3rem; }
          h2 { font-size: 1.15rem; margin: 0; }
          a { color: #0b57d0; }
          .meta { color: #59636e; font-size: 0.9rem; }
          .item { margin-bottom: 1.6rem; }
          .item p { margin: 0.3rem 0 0; }
        </style>
      </head>
      <body>
        <header>
          <h1><xsl:value-of select="rss/channel/title"/></h1>
          <p><xsl:value-of select="rss/channel/description"/></p>
          <p class="meta">This is a feed: paste its address into a feed reader to follow new
            essays. · <span lang="zh-Hans">这是一个订阅源：把它的地址粘贴到阅读器里，即可关注新文章。</span>
            · <a href="{rss/channel/link}">Website · 网站</a></p>
        </header>
        <xsl:for-each select="rss/channel/item">
          <div class="item">
            <h2><a href="{link}"><xsl:value-of select="title"/></a></h2>
            <p class="meta">
              <xsl:for-each select="author">
                <xsl:if test="position() = 1">By · 作者 </xsl:if>
                <xsl:value-of select="."/>
                <xsl:if test="position() != last()">, </xsl:if>
              </xsl:for-each>
              <xsl:if test="author and pubDate"> · </xsl:if>
              <xsl:value-of select="substring(pubDate, 6, 11)"/>
            </p>
            <p><xsl:value-of select="description"/></p>
          </div>
        </xsl:for-each>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
