"""newsbrief: a curated archive of news briefs, published as a static MkDocs site.

Data flows one way: source articles in ``seeds/`` become briefs in ``briefs/``
(Markdown with YAML front matter), and briefs become the site.
"""

__version__ = "0.1.0"
