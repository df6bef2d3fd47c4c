'use strict';
// console.table's box drawing, as Node renders it.

const { getStringWidth } = require('internal/util/string_width');

const tableChars = {
  middleMiddle: '─', rowMiddle: '┼', topRight: '┐', topLeft: '┌', leftMiddle: '├',
  topMiddle: '┬', bottomRight: '┘', bottomLeft: '└', bottomMiddle: '┴', rightMiddle: '┤',
  left: '│ ', right: ' │', middle: ' │ ',
};

function renderRow(row, columnWidths) {
  let out = tableChars.left;
  for (let i = 0; i < row.length; i++) {
    const cell = row[i];
    const len = getStringWidth(cell);
    const needed = (columnWidths[i] - len) / 2;
    out += ' '.repeat(needed) + cell + ' '.repeat(Math.ceil(needed));
    if (i !== row.length - 1) out += tableChars.middle;
  }
  out += tableChars.right;
  return out;
}

function table(head, columns) {
  const rows = [];
  const columnWidths = head.map((h) => getStringWidth(h));
  const longestColumn = Math.max(...columns.map((a) => a.length));
  for (let i = 0; i < head.length; i++) {
    const column = columns[i];
    for (let j = 0; j < longestColumn; j++) {
      if (rows[j] === undefined) rows[j] = [];
      const value = rows[j][i] = Object.prototype.hasOwnProperty.call(column, j) ? column[j] : '';
      const width = columnWidths[i] || 0;
      const counted = getStringWidth(value);
      columnWidths[i] = Math.max(width, counted);
    }
  }
  const divider = columnWidths.map((i) => tableChars.middleMiddle.repeat(i + 2));
  let result = `${tableChars.topLeft}${divider.join(tableChars.topMiddle)}${tableChars.topRight}\n` +
    `${renderRow(head, columnWidths)}\n` +
    `${tableChars.leftMiddle}${divider.join(tableChars.rowMiddle)}${tableChars.rightMiddle}\n`;
  for (const row of rows) result += `${renderRow(row, columnWidths)}\n`;
  result += `${tableChars.bottomLeft}${divider.join(tableChars.bottomMiddle)}${tableChars.bottomRight}`;
  return result;
}

const kIndex = '(index)';
const kIteration = '(iteration index)';
const kKey = 'Key';
const kValues = 'Values';

function renderTable(tabularData, properties, fmt) {
  const { isMap, isSet, isMapIterator, isSetIterator } = require('internal/util/types');
  const { previewEntries } = internalBinding('util');
  const _inspect = (v) => {
    const primitive = v === null || (typeof v !== 'function' && typeof v !== 'object');
    return primitive ? fmt(v) : fmt(v);
  };
  const getIndexArray = (length) => Array.from({ length }, (_, i) => _inspect(i));

  const mapIter = isMapIterator(tabularData);
  let isKeyValue = false;
  let i = 0;
  if (mapIter) {
    const res = previewEntries(tabularData, true);
    tabularData = res[0];
    isKeyValue = res[1];
  }
  if (isKeyValue || isMap(tabularData)) {
    const keys = [];
    const values = [];
    let length = 0;
    if (mapIter) {
      for (; i < tabularData.length / 2; ++i) {
        keys.push(_inspect(tabularData[i * 2]));
        values.push(_inspect(tabularData[i * 2 + 1]));
        length++;
      }
    } else {
      for (const { 0: k, 1: v } of tabularData) {
        keys.push(_inspect(k));
        values.push(_inspect(v));
        length++;
      }
    }
    return table([kIteration, kKey, kValues], [getIndexArray(length), keys, values]);
  }

  const setIter = isSetIterator(tabularData);
  if (setIter) tabularData = previewEntries(tabularData);
  const setlike = setIter || mapIter || isSet(tabularData);
  if (setlike) {
    const values = [];
    let length = 0;
    for (const v of tabularData) {
      values.push(_inspect(v));
      length++;
    }
    return table([kIteration, kValues], [getIndexArray(length), values]);
  }

  const map = { __proto__: null };
  let hasPrimitives = false;
  const valuesKeyArray = [];
  const indexKeyArray = Object.keys(tabularData);
  for (; i < indexKeyArray.length; i++) {
    const item = tabularData[indexKeyArray[i]];
    const primitive = item === null || (typeof item !== 'function' && typeof item !== 'object');
    if (properties === undefined && primitive) {
      hasPrimitives = true;
      valuesKeyArray[i] = _inspect(item);
    } else {
      const keys = properties || Object.keys(item);
      for (const key of keys) {
        map[key] ??= [];
        if ((primitive && properties) || !Object.prototype.hasOwnProperty.call(item, key)) {
          map[key][i] = '';
        } else {
          map[key][i] = _inspect(item[key]);
        }
      }
    }
  }
  const keys = Object.keys(map);
  const values = Object.values(map);
  if (hasPrimitives) {
    keys.push(kValues);
    values.push(valuesKeyArray);
  }
  keys.unshift(kIndex);
  values.unshift(indexKeyArray);
  return table(keys, values);
}

module.exports = { renderTable, table };
