-- Search mix for wrk: anonymous searches over common technology words, some with filters.
local words = { "锂电池", "光纤", "北斗", "激光", "传感器", "机器人", "芯片", "视觉检测", "热管理", "疫苗", "中药", "导航" }
local filters = { "", "&kind=patent", "&city=WH", "&field=optoelectronics", "&kind=need&city=HS" }
math.randomseed(2027)
local function encode(text)
  return (text:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
request = function()
  local path = "/v1/search?q=" .. encode(words[math.random(#words)]) .. filters[math.random(#filters)] .. "&limit=10"
  return wrk.format("GET", path)
end
